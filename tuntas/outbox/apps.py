from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "tuntas.outbox"
    label = "outbox"
