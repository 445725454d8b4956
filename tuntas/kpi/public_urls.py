from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.kpi import public_views

app_name = "kpi_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", public_views.statistics, name="statistics"),
]
