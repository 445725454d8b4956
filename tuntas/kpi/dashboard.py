"""Everything the dashboard shows, assembled once for the page, the API and the exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from tuntas.kpi import compliance as comp
from tuntas.kpi import overdue as late
from tuntas.kpi.access import KpiScope
from tuntas.kpi.facts import last_refreshed_at, rollups_ready
from tuntas.kpi.filters import KpiFilter
from tuntas.kpi.rollup_selectors import rollup_figures, uses_rollups
from tuntas.kpi.selectors import KpiRow, breakdown, by_month, facts, summary

BREAKDOWNS = ("agency", "channel", "category", "classification")


@dataclass
class Dashboard:
    filter: KpiFilter
    data_as_of: datetime | None
    summary: KpiRow
    months: list[KpiRow]
    groups: dict[str, list[KpiRow]] = field(default_factory=dict)
    overdue_agencies: list[late.OverdueAgency] = field(default_factory=list)
    overdue_items: list[late.OverdueItem] = field(default_factory=list)


def build_dashboard(
    scope: KpiScope, f: KpiFilter, now: datetime, *, with_overdue: bool = True
) -> Dashboard:
    if uses_rollups(f) and rollups_ready():
        figures = rollup_figures(scope, f, BREAKDOWNS)
        board = Dashboard(
            filter=f,
            data_as_of=last_refreshed_at(),
            summary=figures.summary,
            months=figures.months,
            groups=figures.groups,
        )
    else:
        # Filtered by category, channel or classification (or before the first
        # roll-up build): the exact aggregates over the facts.
        qs = facts(scope, f)
        board = Dashboard(
            filter=f,
            data_as_of=last_refreshed_at(),
            summary=summary(qs),
            months=by_month(qs, f),
            groups={name: breakdown(qs, name) for name in BREAKDOWNS},
        )
    if with_overdue:
        board.overdue_agencies = late.overdue_agencies(scope, f, now)
        board.overdue_items = late.overdue_items(late.overdue_clocks(scope, f, now), now)
    return board


@dataclass
class Compliance:
    filter: KpiFilter
    data_as_of: datetime | None
    rows: list[comp.ComplianceRow]
    worst: list[comp.Offender]


def build_compliance(scope: KpiScope, f: KpiFilter) -> Compliance:
    qs = comp.clock_facts(scope, f)
    return Compliance(
        filter=f,
        data_as_of=last_refreshed_at(),
        rows=comp.compliance_rows(qs),
        worst=comp.worst_offenders(qs),
    )
