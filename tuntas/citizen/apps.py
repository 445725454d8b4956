from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizenConfig(AppConfig):
    name = "tuntas.citizen"
    label = "citizen"
    verbose_name = _("Halaman warga")
