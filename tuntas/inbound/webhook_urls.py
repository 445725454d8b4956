"""Provider webhooks, mounted under /webhook/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.inbound.views import webhooks

app_name = "inbound_webhooks"
urlpatterns: list[URLPattern | URLResolver] = [
    path("whatsapp/", webhooks.whatsapp, name="whatsapp"),
    path("sms/", webhooks.sms, name="sms"),
    path("email/", webhooks.email, name="email"),
]
