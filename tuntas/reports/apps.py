from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "tuntas.reports"
    label = "reports"
    verbose_name = _("Laporan")

    def ready(self) -> None:
        # Every action declares its row of the transition table when its module loads.
        from tuntas.outbox.labels import register_event_labels
        from tuntas.reports import actions  # noqa: F401
        from tuntas.reports.hooks import subscribe
        from tuntas.reports.notify import PeopleNotifier
        from tuntas.reports.selectors import action_label

        # The after-change hook's first subscriber: the people concerned.
        subscribe("notify", PeopleNotifier)
        # How a report action's outbox messages read on the staff's outbox pages.
        register_event_labels(action_label)
