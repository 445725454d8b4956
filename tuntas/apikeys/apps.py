from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApikeysConfig(AppConfig):
    name = "tuntas.apikeys"
    label = "apikeys"
    verbose_name = _("Kunci API")

    def ready(self) -> None:
        from tuntas.apikeys import schema  # noqa: F401  # registers the OpenAPI scheme
        from tuntas.apikeys.access import may_manage_keys
        from tuntas.staff.integrations import Integration, register_integration

        register_integration(
            Integration(
                app_name="apikeys",
                url_name="apikeys:list",
                label=_("Kunci API"),
                description=_(
                    "Izin bagi aplikasi lain (misalnya aplikasi kecamatan atau dasbor daerah) "
                    "untuk membaca atau mengirim laporan melalui API Tuntas."
                ),
                may_open=may_manage_keys,
                order=20,
            )
        )
