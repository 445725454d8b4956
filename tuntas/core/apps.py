from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tuntas.core"
    label = "core"

    def ready(self) -> None:
        from tuntas.core import deployment  # noqa: F401  # registers the deploy check
