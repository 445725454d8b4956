from django.apps import AppConfig


class FederationConfig(AppConfig):
    name = "tuntas.federation"
    label = "federation"

    def ready(self) -> None:
        # Declares the report action forward_to_peer (a row of the transition table).
        from tuntas.federation import actions  # noqa: F401
        from tuntas.federation.sync import StatusBack
        from tuntas.federation.transport import FederationTransport
        from tuntas.outbox.channels import register_transport
        from tuntas.outbox.models import DeliveryChannel
        from tuntas.reports.hooks import subscribe

        register_transport(DeliveryChannel.FEDERATION, FederationTransport)
        subscribe("federation", StatusBack)
