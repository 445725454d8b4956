from __future__ import annotations

from django.urls import URLPattern, URLResolver, re_path

from tuntas.exports import views

app_name = "exports"

urlpatterns: list[URLPattern | URLResolver] = [
    re_path(
        r"^laporan/(?P<tracking_id>[^/.]+)\.(?P<fmt>[A-Za-z0-9]+)$",
        views.report_file,
        name="report_file",
    ),
]
