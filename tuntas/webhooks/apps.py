from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "tuntas.webhooks"
    label = "webhooks"
