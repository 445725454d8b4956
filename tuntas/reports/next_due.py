"""The nearest running deadline of a report, stored on the report.

Lists sort and filter by it (``Report.next_due_at`` / ``next_due_step``) without a
subquery per row. Every change to clocks ends in ``refresh_next_due`` in the same
transaction (``tuntas.reports.clocks``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from tuntas.reports.models import Clock, Report


def refresh_next_due_ids(report_ids: Iterable[int]) -> None:
    """Recompute the stored nearest deadline of these reports (one UPDATE)."""
    nearest = Clock.objects.filter(
        report=OuterRef("pk"),
        stopped_at__isnull=True,
        paused_at__isnull=True,
        due_at__isnull=False,
    ).order_by("due_at", "id")
    Report.objects.filter(pk__in=list(report_ids)).update(
        next_due_at=Subquery(nearest.values("due_at")[:1]),
        next_due_step=Coalesce(Subquery(nearest.values("step")[:1]), Value("")),
    )


def refresh_next_due(report: Report) -> None:
    """Recompute ``report``'s stored nearest deadline and set it on the instance."""
    refresh_next_due_ids([report.pk])
    row = Report.objects.filter(pk=report.pk).values("next_due_at", "next_due_step").first()
    if row is not None:
        report.next_due_at = row["next_due_at"]
        report.next_due_step = row["next_due_step"]
