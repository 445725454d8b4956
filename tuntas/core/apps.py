from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tuntas.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from tuntas.core import deployment  # noqa: F401  # registers the deploy check
