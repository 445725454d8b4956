from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "kpi_public"

urlpatterns: list[URLPattern | URLResolver] = []
