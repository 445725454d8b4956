"""Overdue lists: open clocks past their deadline right now (a live query, not facts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Min, Q, QuerySet

from tuntas.kpi.access import KpiScope
from tuntas.kpi.facts import MEASURED_STEPS
from tuntas.kpi.filters import KpiFilter
from tuntas.organisations.models import Organisation
from tuntas.reports.models import Clock
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
