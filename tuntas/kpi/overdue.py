"""Overdue lists: open clocks past their deadline.

The count per responsible organisation comes from :class:`~tuntas.kpi.models.OverdueCell`
rows, recounted by every refresh (each minute): a view adds up cells instead of
counting every late clock (there may be a million). A view of another moment (or
before the first count) counts the clocks live. The 20 longest overdue steps are
always a live query (20 rows, by deadline).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import Count, Min, Q, QuerySet, Sum

from tuntas.kpi.access import KpiScope
from tuntas.kpi.facts import MEASURED_STEPS
from tuntas.kpi.filters import KpiFilter
from tuntas.kpi.models import OverdueCell, RefreshState
from tuntas.organisations.models import Organisation
from tuntas.reference.models import Category
from tuntas.reports.models import Clock, Report
from tuntas.standards.models import Step, Unit
from tuntas.workdays.calendars import Calendars
from tuntas.workdays.engine import working_days_between

LIST_LIMIT = 20


@dataclass(frozen=True)
class OverdueAgency:
    organisation: str
    count: int
    oldest_due: datetime


@dataclass(frozen=True)
class OverdueItem:
    tracking_id: str
    organisation: str
    step_label: str
    due_at: datetime
    working_days_late: int


def overdue_clocks(scope: KpiScope, f: KpiFilter, now: datetime) -> QuerySet[Clock]:
    qs = Clock.objects.filter(stopped_at__isnull=True, due_at__lt=now, step__in=MEASURED_STEPS)
    if not scope.national:
        q = Q(pk__in=[])
        if scope.pemda_ids:
            q |= Q(report__pemda_id__in=sorted(scope.pemda_ids))
        if scope.agency_ids:
            q |= Q(organisation_id__in=sorted(scope.agency_ids))
        qs = qs.filter(q)
    if f.pemda is not None:
        qs = qs.filter(report__pemda=f.pemda)
    if f.agency is not None:
        qs = qs.filter(organisation=f.agency)
    if f.category is not None:
        qs = qs.filter(Q(report__category=f.category) | Q(report__category__parent=f.category))
    if f.channel is not None:
        qs = qs.filter(report__channel=f.channel)
    if f.classification is not None:
        qs = qs.filter(report__classification=f.classification)
    return qs


#: Cells counted this long ago still answer for "now" (the beat recounts every minute).
CELLS_FRESH_FOR = timedelta(minutes=3)
CLOCKS = Clock._meta.db_table
REPORTS = Report._meta.db_table
CELLS = OverdueCell._meta.db_table


def count_overdue(now: datetime) -> None:
    """Count the open measured steps past their deadline at ``now`` into the cells
    (in the caller's transaction: readers see the old cells or the new ones)."""
    steps = ", ".join(["%s"] * len(MEASURED_STEPS))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {CELLS}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {CELLS} (organisation_id, pemda_id, category_id, channel_id,"  # noqa: S608
            " classification_id, count, oldest_due)"
            " SELECT COALESCE(c.organisation_id, 0), COALESCE(r.pemda_id, 0),"
            " COALESCE(r.category_id, 0), r.channel_id, r.classification_id, COUNT(*),"
            f" MIN(c.due_at) FROM {CLOCKS} c JOIN {REPORTS} r ON r.id = c.report_id"
            f" WHERE c.stopped_at IS NULL AND c.due_at < %s AND c.step IN ({steps})"
            " GROUP BY COALESCE(c.organisation_id, 0), COALESCE(r.pemda_id, 0),"
            " COALESCE(r.category_id, 0), r.channel_id, r.classification_id",
            [now, *MEASURED_STEPS],
        )
    RefreshState.objects.filter(pk=1).update(overdue_at=now)


def _cells_answer(now: datetime) -> bool:
    counted = RefreshState.objects.filter(pk=1).values_list("overdue_at", flat=True).first()
    return counted is not None and counted <= now <= counted + CELLS_FRESH_FOR


def overdue_agencies(scope: KpiScope, f: KpiFilter, now: datetime) -> list[OverdueAgency]:
    """Late steps per responsible organisation: from the cells when they are fresh."""
    if not _cells_answer(now):
        return overdue_per_agency(overdue_clocks(scope, f, now))
    qs = OverdueCell.objects.all()
    if not scope.national:
        q = Q(pk__in=[])
        if scope.pemda_ids:
            q |= Q(pemda_id__in=sorted(scope.pemda_ids))
        if scope.agency_ids:
            q |= Q(organisation_id__in=sorted(scope.agency_ids))
        qs = qs.filter(q)
    if f.pemda is not None:
        qs = qs.filter(pemda_id=f.pemda.pk)
    if f.agency is not None:
        qs = qs.filter(organisation_id=f.agency.pk)
    if f.category is not None:
        children = Category.objects.filter(parent=f.category).values_list("pk", flat=True)
        qs = qs.filter(category_id__in=[f.category.pk, *children])
    if f.channel is not None:
        qs = qs.filter(channel_id=f.channel.pk)
    if f.classification is not None:
        qs = qs.filter(classification_id=f.classification.pk)
    grouped = list(
        qs.order_by()
        .values("organisation_id")
        .annotate(total=Sum("count"), oldest=Min("oldest_due"))
        .order_by("-total", "oldest")
    )
    ids = {g["organisation_id"] for g in grouped}
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}
    return [
        OverdueAgency(
            organisation=str(orgs[g["organisation_id"]]) if g["organisation_id"] in orgs else "-",
            count=g["total"],
            oldest_due=g["oldest"],
        )
        for g in grouped
    ]


def overdue_per_agency(qs: QuerySet[Clock]) -> list[OverdueAgency]:
    grouped = list(
        qs.order_by()
        .values("organisation")
        .annotate(count=Count("pk"), oldest=Min("due_at"))
        .order_by("-count", "oldest")
    )
    orgs = {
        o.pk: o for o in Organisation.objects.filter(pk__in={g["organisation"] for g in grouped})
    }
    return [
        OverdueAgency(
            organisation=str(orgs[g["organisation"]]) if g["organisation"] in orgs else "-",
            count=g["count"],
            oldest_due=g["oldest"],
        )
        for g in grouped
    ]


def overdue_items(qs: QuerySet[Clock], now: datetime, limit: int = LIST_LIMIT) -> list[OverdueItem]:
    calendars = Calendars()
    items = []
    rows = qs.select_related(
        "report", "organisation", "organisation__parent", "organisation__parent__parent"
    ).order_by("due_at", "id")[:limit]
    for clock in rows:
        assert clock.due_at is not None
        late = (
            working_days_between(calendars.of(clock.organisation), clock.due_at, now)
            if clock.unit != Unit.CALENDAR_DAYS
            else (now - clock.due_at).days
        )
        items.append(
            OverdueItem(
                tracking_id=clock.report.tracking_id,
                organisation=str(clock.organisation) if clock.organisation else "-",
                step_label=str(Step(clock.step).label),
                due_at=clock.due_at,
                working_days_late=max(late, 0),
            )
        )
    return items
