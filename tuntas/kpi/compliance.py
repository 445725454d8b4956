"""Service-standard compliance: every measured step's actual time against its limit,
per responsible organisation and step (from the clock facts), and the worst offenders."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Case, Count, IntegerField, Max, Q, QuerySet, Value, When

from tuntas.kpi.access import KpiScope
from tuntas.kpi.filters import KpiFilter
from tuntas.kpi.models import ClockFact
from tuntas.organisations.models import Organisation
from tuntas.standards.models import Step, Unit

WORST_LIMIT = 20


@dataclass(frozen=True)
class ComplianceRow:
    organisation: str
    organisation_code: str
    step: str
    step_label: str
    unit: str
    unit_label: str
    limit: int  # the largest limit seen (limits rarely differ within a group)
    measured: int
    met: int
    late: int
    avg_actual: float | None
    max_overrun: int

    @property
    def pct_met(self) -> float | None:
        return round(100.0 * self.met / self.measured, 1) if self.measured else None


@dataclass(frozen=True)
class Offender:
    tracking_id: str
    organisation: str
    step_label: str
    unit_label: str
    limit: int
    actual: int
    overrun: int
    stopped_at: Any


def clock_facts(scope: KpiScope, f: KpiFilter) -> QuerySet[ClockFact]:
    qs = ClockFact.objects.filter(scope.facts_q("fact__")).filter(
        fact__created_date__gte=f.date_from, fact__created_date__lte=f.date_to
    )
    if scope.agency_only:
        # An agency sees its own steps only, not the coordinator's.
        qs = qs.filter(organisation_id__in=sorted(scope.agency_ids))
    if f.pemda is not None:
        qs = qs.filter(fact__pemda=f.pemda)
    if f.agency is not None:
        qs = qs.filter(fact__lead_agency=f.agency)
    if f.category is not None:
        qs = qs.filter(Q(fact__category=f.category) | Q(fact__category__parent=f.category))
    if f.channel is not None:
        qs = qs.filter(fact__channel=f.channel)
    if f.classification is not None:
        qs = qs.filter(fact__classification=f.classification)
    return qs


UNIT_ORDER = Case(
    When(unit=Unit.WORKING_DAYS, then=Value(0)),
    When(unit=Unit.CALENDAR_DAYS, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
STEP_ORDER = {step.value: index for index, step in enumerate(Step)}


def compliance_rows(qs: QuerySet[ClockFact]) -> list[ComplianceRow]:
    grouped = (
        qs.order_by()
        .values("organisation", "step", "unit")
        .annotate(
            measured=Count("pk"),
            met_count=Count("pk", filter=Q(met=True)),
            limit=Max("amount"),
            avg_actual=Avg("actual"),
            max_overrun=Max("overrun"),
        )
    )
    results = list(grouped)
    orgs = {
        o.pk: o for o in Organisation.objects.filter(pk__in={r["organisation"] for r in results})
    }
    rows = []
    for r in results:
        org = orgs.get(r["organisation"])
        rows.append(
            ComplianceRow(
                organisation=str(org) if org else "-",
                organisation_code=org.code if org else "",
                step=r["step"],
                step_label=str(Step(r["step"]).label),
                unit=r["unit"],
                unit_label=str(Unit(r["unit"]).label),
                limit=r["limit"],
                measured=r["measured"],
                met=r["met_count"],
                late=r["measured"] - r["met_count"],
                avg_actual=round(float(r["avg_actual"]), 1)
                if r["avg_actual"] is not None
                else None,
                max_overrun=max(r["max_overrun"] or 0, 0),
            )
        )
    rows.sort(key=lambda row: (row.organisation, STEP_ORDER.get(row.step, 99), row.unit))
    return rows


def worst_offenders(qs: QuerySet[ClockFact], limit: int = WORST_LIMIT) -> list[Offender]:
    """The stopped steps that overran their limit the most (working days before minutes)."""
    late = (
        qs.filter(overrun__gt=0)
        .select_related("organisation", "fact__report")
        .order_by(UNIT_ORDER, "-overrun", "-stopped_at")[:limit]
    )
    return [
        Offender(
            tracking_id=c.fact.report.tracking_id,
            organisation=str(c.organisation) if c.organisation else "-",
            step_label=str(Step(c.step).label),
            unit_label=str(Unit(c.unit).label),
            limit=c.amount,
            actual=c.actual,
            overrun=c.overrun,
            stopped_at=c.stopped_at,
        )
        for c in late
    ]
