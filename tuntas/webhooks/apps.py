from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "tuntas.webhooks"
    label = "webhooks"
    verbose_name = _("Webhook")

    def ready(self) -> None:
        from tuntas.outbox.channels import register_transport
        from tuntas.outbox.models import DeliveryChannel
        from tuntas.reports.hooks import subscribe
        from tuntas.webhooks.events import WebhookSubscriber
        from tuntas.webhooks.transport import WebhookTransport

        register_transport(DeliveryChannel.WEBHOOK, WebhookTransport)
        from tuntas.staff.integrations import Integration, register_integration
        from tuntas.webhooks.access import may_manage_webhooks

        register_integration(
            Integration(
                app_name="webhooks",
                url_name="webhooks:list",
                label=_("Webhook"),
                description=_(
                    "Pemberitahuan otomatis ke sistem lain setiap kali laporan berubah "
                    "(misalnya ke aplikasi internal OPD)."
                ),
                may_open=may_manage_webhooks,
                order=10,
            )
        )
        subscribe("webhooks", WebhookSubscriber)
