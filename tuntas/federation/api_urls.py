from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "federation_api"

urlpatterns: list[URLPattern | URLResolver] = []
