from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tuntas.reports"
    label = "reports"

    def ready(self) -> None:
        # Every action declares its row of the transition table when its module loads.
        from tuntas.reports import actions  # noqa: F401
