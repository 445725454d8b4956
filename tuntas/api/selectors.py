"""Reads only the API needs, on top of ``tuntas.reports.access`` and
``tuntas.reports.selectors`` (public reports, own reports, the reporter's files and
the deadline annotations are shared with the web pages there).

Everything that depends on the asker starts from the access module's scoped
selectors; a report outside the asker's scope is never returned.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet

from tuntas.accounts.models import User
from tuntas.organisations.models import Organisation
from tuntas.reports.access import reports_visible_to
from tuntas.reports.models import Assignment, Report
from tuntas.reports.selectors import REPORT_RELATED, late_clocks, with_next_due


def staff_reports(
    user: User,
    *,
    now: datetime,
    status: str | None = None,
    pemda: Organisation | None = None,
    agency: Organisation | None = None,
    overdue: bool | None = None,
) -> QuerySet[Report]:
    """The reports in the asker's scope, filtered, with their next deadline."""
    qs = reports_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    if pemda is not None:
        qs = qs.filter(pemda=pemda)
    if agency is not None:
        qs = qs.filter(Exists(Assignment.objects.filter(report=OuterRef("pk"), agency=agency)))
    late = late_clocks(now)
    if overdue is True:
        qs = qs.filter(Exists(late))
    elif overdue is False:
        qs = qs.exclude(Exists(late))
    qs = qs.select_related(*REPORT_RELATED, "channel").annotate(has_late_clock=Exists(late))
    return with_next_due(qs).order_by("-created_at", "-id")
