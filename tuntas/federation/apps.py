from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "tuntas.federation"
    label = "federation"

    def ready(self) -> None:
        from tuntas.federation.sync import StatusBack
        from tuntas.federation.transport import FederationTransport
        from tuntas.outbox.channels import register_transport
        from tuntas.outbox.models import DeliveryChannel
        from tuntas.reports.hooks import subscribe

        register_transport(DeliveryChannel.FEDERATION, FederationTransport)
        subscribe("federation", StatusBack)
