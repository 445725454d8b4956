from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.kpi import api

app_name = "kpi_api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("summary/", api.KpiSummaryApi.as_view(), name="summary"),
    path("compliance/", api.KpiComplianceApi.as_view(), name="compliance"),
]
