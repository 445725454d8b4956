"""KPI dashboard, service-standard compliance and the public statistics page."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.kpi import views

app_name = "kpi"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="dashboard"),
    path("kepatuhan/", views.compliance, name="compliance"),
    path("ekspor/<str:fmt>/", views.export, name="export"),
]
