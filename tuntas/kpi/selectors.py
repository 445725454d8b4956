"""The KPI figures: aggregates over the report facts, computed in SQL.

Averages are SQL ``AVG``; medians are ``percentile_cont(0.5)`` on PostgreSQL and the
same interpolated median computed from the sorted values elsewhere (SQLite). Every
figure the page, the API and the exports show comes from :class:`KpiRow`.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Avg, Count, FloatField, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tuntas.kpi.access import KpiScope
from tuntas.kpi.filters import KpiFilter
from tuntas.kpi.models import ReportFact
from tuntas.organisations.models import Organisation
from tuntas.reference.models import Category, Channel, Classification

DURATIONS: tuple[tuple[str, str], ...] = (
    ("verify", "wd_verify"),
    ("dispose", "wd_dispose"),
    ("first_answer", "wd_first_answer"),
    ("close", "wd_close"),
)
NAMES = tuple(name for name, _column in DURATIONS)


class Median(Aggregate):
    """``percentile_cont(0.5)``: the interpolated median (PostgreSQL)."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def sql_medians() -> bool:
    return connection.vendor == "postgresql"


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _round(value: float | None) -> float | None:
    return round(float(value), 1) if value is not None else None


@dataclass
class KpiRow:
    """The KPIs of one group of reports (the whole selection, a month, an agency...)."""

    key: Any
    label: str
    total: int = 0
    needs_followup: int = 0
    followed_up: int = 0
    within_limit: int = 0
    escalated: int = 0
    ombudsman: int = 0
    feedback: int = 0
    satisfied: int = 0
    closed_once: int = 0
    reopened: int = 0
    averages: dict[str, float | None] = field(default_factory=lambda: dict.fromkeys(NAMES))
    medians: dict[str, float | None] = field(default_factory=lambda: dict.fromkeys(NAMES))

    @property
    def pct_followed_up(self) -> float | None:
        return _pct(self.followed_up, self.needs_followup)

    @property
    def pct_within_limit(self) -> float | None:
        return _pct(self.within_limit, self.needs_followup)

    @property
    def pct_satisfied(self) -> float | None:
        return _pct(self.satisfied, self.feedback)

    @property
    def pct_reopened(self) -> float | None:
        return _pct(self.reopened, self.closed_once)


def _aggregates() -> dict[str, Any]:
    aggs: dict[str, Any] = {
        "total": Count("pk"),
        "needs_followup": Count("pk", filter=Q(needs_followup=True)),
        "followed_up": Count("pk", filter=Q(followed_up=True)),
        "within_limit": Count("pk", filter=Q(followed_up_within_limit=True)),
        "escalated": Count("pk", filter=Q(escalated=True)),
        "ombudsman": Count("pk", filter=Q(ombudsman=True)),
        "feedback": Count("pk", filter=Q(satisfied__isnull=False)),
        "satisfied": Count("pk", filter=Q(satisfied=True)),
        "closed_once": Count("pk", filter=Q(closed_once=True)),
        "reopened": Count("pk", filter=Q(reopened=True)),
    }
    for name, column in DURATIONS:
        aggs[f"avg_{name}"] = Avg(column)
        if sql_medians():
            aggs[f"med_{name}"] = Median(column)
    return aggs


COUNT_FIELDS = (
    "total",
    "needs_followup",
    "followed_up",
    "within_limit",
    "escalated",
    "ombudsman",
    "feedback",
    "satisfied",
    "closed_once",
    "reopened",
)


def _row(key: Any, label: str, values: dict[str, Any]) -> KpiRow:
    row = KpiRow(key=key, label=label)
    for name in COUNT_FIELDS:
        setattr(row, name, values[name] or 0)
    for name, _column in DURATIONS:
        row.averages[name] = _round(values.get(f"avg_{name}"))
        row.medians[name] = _round(values.get(f"med_{name}"))
    return row


def facts(scope: KpiScope, f: KpiFilter) -> QuerySet[ReportFact]:
    qs = ReportFact.objects.filter(scope.facts_q()).filter(
        created_date__gte=f.date_from, created_date__lte=f.date_to
    )
    if f.pemda is not None:
        qs = qs.filter(pemda=f.pemda)
    if f.agency is not None:
        qs = qs.filter(lead_agency=f.agency)
    if f.category is not None:
        qs = qs.filter(Q(category=f.category) | Q(category__parent=f.category))
    if f.channel is not None:
        qs = qs.filter(channel=f.channel)
    if f.classification is not None:
        qs = qs.filter(classification=f.classification)
    return qs


def _python_medians(qs: QuerySet[ReportFact], group: str | None) -> dict[Any, dict[str, Any]]:
    """Medians per group from the sorted values (the portable fallback)."""
    out: dict[Any, dict[str, Any]] = defaultdict(dict)
    for name, column in DURATIONS:
        values: dict[Any, list[int]] = defaultdict(list)
        rows = qs.filter(**{f"{column}__isnull": False})
        if group is None:
            for value in rows.values_list(column, flat=True):
                values[None].append(value)
        else:
            for key, value in rows.values_list(group, column):
                values[key].append(value)
        for key, items in values.items():
            out[key][f"med_{name}"] = statistics.median(items)
    return out


def summary(qs: QuerySet[ReportFact], label: str | Promise = "") -> KpiRow:
    values = qs.aggregate(**_aggregates())
    if not sql_medians():
        values.update(_python_medians(qs, None).get(None, {}))
    return _row(None, str(label), values)


DIMENSIONS: dict[str, str] = {
    "month": "created_month",
    "agency": "lead_agency",
    "channel": "channel",
    "category": "category",
    "classification": "classification",
}


def _labels(dimension: str, keys: Iterable[Any]) -> dict[Any, str]:
    ids = [k for k in keys if k is not None]
    if dimension == "month":
        return {k: k.strftime("%Y-%m") for k in ids}
    if dimension == "agency":
        return {o.pk: str(o) for o in Organisation.objects.filter(pk__in=ids)}
    if dimension == "channel":
        return {c.pk: c.name for c in Channel.objects.filter(pk__in=ids)}
    if dimension == "category":
        return {c.pk: str(c) for c in Category.objects.filter(pk__in=ids).select_related("parent")}
    return {c.pk: c.name for c in Classification.objects.filter(pk__in=ids)}


NONE_LABELS: dict[str, str | Promise] = {
    "agency": _("Belum didisposisikan ke OPD"),
    "category": _("Tanpa kategori"),
}


def breakdown(qs: QuerySet[ReportFact], dimension: str) -> list[KpiRow]:
    column = DIMENSIONS[dimension]
    grouped = qs.order_by().values(column).annotate(**_aggregates())
    results = list(grouped)
    medians = {} if sql_medians() else _python_medians(qs, column)
    labels = _labels(dimension, (r[column] for r in results))
    rows = []
    for values in results:
        key = values[column]
        values.update(medians.get(key, {}))
        label = labels.get(key) or str(NONE_LABELS.get(dimension, "-"))
        rows.append(_row(key, label, values))
    if dimension == "month":
        rows.sort(key=lambda r: r.key or date.min)
    else:
        rows.sort(key=lambda r: (-r.total, r.label))
    return rows


def months_between(start: date, end: date) -> list[date]:
    """The first day of every month from ``start``'s month to ``end``'s."""
    months: list[date] = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def by_month(qs: QuerySet[ReportFact], f: KpiFilter) -> list[KpiRow]:
    """One row per month of the period, months without reports included."""
    found = {row.key: row for row in breakdown(qs, "month")}
    return [
        found.get(month) or KpiRow(key=month, label=month.strftime("%Y-%m"))
        for month in months_between(f.date_from, f.date_to)
    ]
