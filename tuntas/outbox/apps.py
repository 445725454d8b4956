from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "tuntas.outbox"
    label = "outbox"
    verbose_name = _("Pesan keluar")

    def ready(self) -> None:
        from tuntas.accounts.messages import deliver_with
        from tuntas.outbox.checks import channels_have_transports
        from tuntas.outbox.services import queue_account_message

        checks.register(channels_have_transports)
        # Messages about a person's own account go out through the outbox.
        deliver_with(queue_account_message)
