from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.apikeys.api import KeyInfoApi

app_name = "apikeys_api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/", KeyInfoApi.as_view(), name="me"),
]
