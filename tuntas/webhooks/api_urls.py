"""REST API under /api/webhooks/ (see docs/webhooks.md)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.webhooks import api

app_name = "webhooks_api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", api.SubscriptionListApi.as_view(), name="list"),
    path("<int:subscription_id>/", api.SubscriptionDetailApi.as_view(), name="detail"),
    path("<int:subscription_id>/ping/", api.PingApi.as_view(), name="ping"),
    path("<int:subscription_id>/rotate-secret/", api.RotateSecretApi.as_view(), name="rotate"),
]
