from __future__ import annotations

from django.urls import URLPattern, URLResolver, re_path

from tuntas.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>[A-Za-z0-9]+)$"
ID = r"[^/.]+"

urlpatterns: list[URLPattern | URLResolver] = [
    re_path(rf"^v2/discovery{FMT}", views.discovery, name="discovery"),
    re_path(rf"^v2/services{FMT}", views.service_list, name="services"),
    re_path(rf"^v2/services/(?P<service_code>{ID}){FMT}", views.service_definition, name="service"),
    re_path(rf"^v2/requests{FMT}", views.requests, name="requests"),
    re_path(
        rf"^v2/requests/(?P<service_request_id>{ID}){FMT}", views.request_detail, name="request"
    ),
    re_path(rf"^v2/tokens/(?P<token>{ID}){FMT}", views.token, name="token"),
    re_path(r"^(?P<path>.*)$", views.unknown_format, name="unknown"),
]
