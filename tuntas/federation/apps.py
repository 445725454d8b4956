from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "tuntas.federation"
    label = "federation"
    verbose_name = _("Federasi")

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
        from tuntas.federation.peers import may_manage_peers
        from tuntas.staff.integrations import Integration, register_integration

        register_integration(
            Integration(
                app_name="federation",
                url_name="federation:home",
                label=_("Federasi"),
                description=_(
                    "Meneruskan dan menerima laporan dari instansi lain yang juga memakai "
                    "Tuntas, misalnya kabupaten tetangga."
                ),
                may_open=may_manage_peers,
                order=30,
            )
        )
