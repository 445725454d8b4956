from django.apps import AppConfig
from django.core import checks


class OutboxConfig(AppConfig):
    name = "tuntas.outbox"
    label = "outbox"

    def ready(self) -> None:
        from tuntas.outbox.checks import channels_have_transports

        checks.register(channels_have_transports)
