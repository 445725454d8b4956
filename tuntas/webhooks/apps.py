from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "tuntas.webhooks"
    label = "webhooks"

    def ready(self) -> None:
        from tuntas.outbox.channels import register_transport
        from tuntas.outbox.models import DeliveryChannel
        from tuntas.reports.hooks import subscribe
        from tuntas.webhooks.events import WebhookSubscriber
        from tuntas.webhooks.transport import WebhookTransport

        register_transport(DeliveryChannel.WEBHOOK, WebhookTransport)
        subscribe("webhooks", WebhookSubscriber)
