"""The dashboard's figures read from the roll-ups (``tuntas.kpi.rollups``), not the facts.

A view reads whole months from month cells and the remaining days from day cells, the
per-organisation cuboids for a Pemda or an agency and the national cuboids for the
nation: the rows read grow with days and organisations, never with reports. Every
figure equals the exact computation over the facts (``selectors.summary`` and
``selectors.breakdown``); medians are exact to 0.1 working day (histogram buckets).
"""

from __future__ import annotations

import functools
import operator
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import BigIntegerField, Case, F, Q, QuerySet, Sum, When

from tuntas.kpi import rollups
from tuntas.kpi.access import KpiScope
from tuntas.kpi.filters import KpiFilter
from tuntas.kpi.models import Rollup, RollupHistogram
from tuntas.kpi.rollups import BUCKETS_PER_DAY, COUNTS, MEASURES, SUMS, Cuboid
from tuntas.kpi.selectors import NAMES, NONE_LABELS, KpiRow, _labels, months_between

#: Breakdown name (as in ``selectors.DIMENSIONS``) -> the roll-up column it groups by.
GROUP_COLUMNS = {
    "agency": "agency_id",
    "channel": "channel_id",
    "category": "category_id",
    "classification": "classification_id",
}


def uses_rollups(f: KpiFilter) -> bool:
    """The roll-ups answer every view but those filtered by category, channel or
    classification (those read the facts, exactly as before)."""
    return f.category is None and f.channel is None and f.classification is None


def _next_month(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def _previous_month(first: date) -> date:
    return date(first.year - 1, 12, 1) if first.month == 1 else date(first.year, first.month - 1, 1)


def period_q(start: date, end: date) -> Q:
    """Month cells for the months wholly inside ``start``..``end``, day cells for the rest."""
    first_full = start if start.day == 1 else _next_month(start)
    end_month = date(end.year, end.month, 1)
    ends_month = _next_month(end_month) - timedelta(days=1) == end
    last_full = end_month if ends_month else _previous_month(end_month)
    if first_full > last_full:
        return Q(grain="d", period__gte=start, period__lte=end)
    q = Q(grain="m", period__gte=first_full, period__lte=last_full)
    if start < first_full:
        q |= Q(grain="d", period__gte=start, period__lt=first_full)
    last_full_end = _next_month(last_full) - timedelta(days=1)
    if last_full_end < end:
        q |= Q(grain="d", period__gt=last_full_end, period__lte=end)
    return q


def signed_period(start: date, end: date) -> tuple[Q, Q | None]:
    """The cells to add up for ``start``..``end``, and the cells to take away.

    Whole months are month cells. A month the period covers only partly is its days'
    cells when it covers at most half of the month, else the month cell *less* the cells
    of the days outside the period (everything in a cell adds up, so it subtracts too):
    at most about fifteen day cells per end of the period, whatever its length.
    """
    months: list[date] = []
    plus: list[Q] = []
    minus: list[Q] = []
    month = date(start.year, start.month, 1)
    while month <= end:
        following = _next_month(month)
        last = following - timedelta(days=1)
        low, high = max(start, month), min(end, last)
        inside, length = (high - low).days + 1, (last - month).days + 1
        if inside == length:
            months.append(month)
        elif inside <= length - inside:
            plus.append(Q(grain="d", period__gte=low, period__lte=high))
        else:
            months.append(month)
            if low > month:
                minus.append(Q(grain="d", period__gte=month, period__lt=low))
            if high < last:
                minus.append(Q(grain="d", period__gt=high, period__lte=last))
        month = following
    if months:
        plus.append(Q(grain="m", period__in=months))
    every = [*plus, *minus]
    taken_away = functools.reduce(operator.or_, minus) if minus else None
    return functools.reduce(operator.or_, every), taken_away


def organisation_q(scope: KpiScope, f: KpiFilter) -> Q:
    """The scope and the Pemda/agency filters, on the per-organisation cuboids."""
    q = Q()
    if not scope.national:
        q = Q(pk__in=[])
        if scope.pemda_ids:
            q |= Q(pemda_id__in=sorted(scope.pemda_ids))
        if scope.agency_ids:
            q |= Q(agency_id__in=sorted(scope.agency_ids))
    if f.pemda is not None:
        q &= Q(pemda_id=f.pemda.pk)
    if f.agency is not None:
        q &= Q(agency_id=f.agency.pk)
    return q


def is_national(scope: KpiScope, f: KpiFilter) -> bool:
    return scope.national and f.pemda is None and f.agency is None


def _pemda_wide(scope: KpiScope, f: KpiFilter, when: Q) -> tuple[bool, Q]:
    """Whether the view covers whole Pemdas (no agency scope or filter), and their cells."""
    if f.agency is not None or (not scope.national and scope.agency_ids):
        return False, Q()
    if f.pemda is not None:
        return True, when & Q(pemda_id=f.pemda.pk)
    if scope.national:
        return False, Q()
    return True, when & Q(pemda_id__in=sorted(scope.pemda_ids))


@dataclass
class _Cells:
    """The cells a breakdown adds up (``minus``: those it takes away): one cuboid, the
    period, the organisations."""

    cuboid: Cuboid
    where: Q
    minus: Q | None = None

    def rollups(self) -> QuerySet[Rollup]:
        return Rollup.objects.filter(self.where, cuboid=self.cuboid.number)

    def histograms(self) -> QuerySet[RollupHistogram]:
        return RollupHistogram.objects.filter(self.where, cuboid=self.cuboid.number)

    def sum(self, column: str) -> Sum:
        if self.minus is None:
            return Sum(column)
        signed = Case(
            When(self.minus, then=-F(column)), default=F(column), output_field=BigIntegerField()
        )
        return Sum(signed)


AGGREGATES = tuple(f"s_{column}" for column in rollups.VALUE_COLUMNS)


def _grouped(cells: _Cells, group: str) -> dict[Any, dict[str, Any]]:
    sums = {f"s_{column}": cells.sum(column) for column in rollups.VALUE_COLUMNS}
    rows = cells.rollups().order_by().values(group).annotate(**sums).filter(s_total__gt=0)
    return {row[group]: row for row in rows}


def _histograms(cells: _Cells, group: str) -> dict[Any, dict[int, list[tuple[int, int]]]]:
    """Per group and measure, the (bucket, count) pairs with reports."""
    found: dict[Any, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    rows = (
        cells.histograms()
        .order_by()
        .values_list(group, "measure", "bucket")
        .annotate(n=cells.sum("count"))
        .filter(n__gt=0)
    )
    for key, measure, bucket, count in rows:
        found[key][measure].append((bucket, count))
    return found


def histogram_median(pairs: list[tuple[int, int]]) -> float | None:
    """The interpolated median (as ``percentile_cont(0.5)``) of a histogram, in days."""
    total = sum(count for _bucket, count in pairs)
    if total == 0:
        return None
    low, high = (total - 1) // 2, total // 2
    seen, low_value, high_value = 0, None, None
    for bucket, count in sorted(pairs):
        if low_value is None and seen + count > low:
            low_value = bucket
        if seen + count > high:
            high_value = bucket
            break
        seen += count
    assert low_value is not None and high_value is not None
    return (low_value + high_value) / 2 / BUCKETS_PER_DAY


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def _row(key: Any, label: str, values: dict[str, Any], hist: dict[int, Any]) -> KpiRow:
    row = KpiRow(key=key, label=label)
    for column in COUNTS:
        setattr(row, column, values[f"s_{column}"] or 0)
    row.feedback = values["s_feedback"] or 0
    for number, (name, measure) in enumerate(zip(NAMES, MEASURES, strict=True)):
        count_column, sum_column = SUMS[measure]
        count, total = values[f"s_{count_column}"] or 0, values[f"s_{sum_column}"] or 0
        row.averages[name] = _round(total / count) if count else None
        row.medians[name] = _round(histogram_median(hist.get(number, [])))
    return row


def _rows(cells: _Cells, group: str) -> dict[Any, KpiRow]:
    values = _grouped(cells, group)
    hists = _histograms(cells, group)
    return {key: _row(key, "", found, hists.get(key, {})) for key, found in values.items()}


def _add(into: dict[str, Any], values: dict[str, Any]) -> None:
    for name, value in values.items():
        into[name] = (into.get(name) or 0) + (value or 0)


@dataclass
class RollupFigures:
    summary: KpiRow
    months: list[KpiRow]
    groups: dict[str, list[KpiRow]]


def _none_to_zero(key: Any) -> Any:
    return None if key == 0 else key


def rollup_figures(scope: KpiScope, f: KpiFilter, breakdowns: tuple[str, ...]) -> RollupFigures:
    """The summary, the months and the breakdowns, from the roll-ups."""
    national = is_national(scope, f)
    when, minus = signed_period(f.date_from, f.date_to)
    where = when if national else when & organisation_q(scope, f)
    base = _Cells(rollups.NATION if national else rollups.BY_ORGANISATION, where, minus)
    pemda_wide, pemda_where = _pemda_wide(scope, f, when)
    month_values = _grouped(base, "month")
    month_hists = _histograms(base, "month")
    # The summary is the sum of the months (same cells, one query fewer).
    totals: dict[str, Any] = {}
    summary_hist: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for key, values in month_values.items():
        _add(totals, {k: v for k, v in values.items() if k.startswith("s_")})
        for measure, pairs in month_hists.get(key, {}).items():
            summary_hist[measure].extend(pairs)
    if not totals:
        totals = dict.fromkeys(AGGREGATES, 0)
    summary = _row(None, "", totals, _merged(summary_hist))
    found = {
        key: _row(key, key.strftime("%Y-%m"), values, month_hists.get(key, {}))
        for key, values in month_values.items()
    }
    months = [
        found.get(month) or KpiRow(key=month, label=month.strftime("%Y-%m"))
        for month in months_between(f.date_from, f.date_to)
    ]
    groups: dict[str, list[KpiRow]] = {}
    for name in breakdowns:
        column = GROUP_COLUMNS[name]
        if name == "agency":
            cells = _Cells(rollups.BY_ORGANISATION, where, minus)
        else:
            cuboids = rollups.BREAKDOWN_CUBOIDS[column]
            if national:
                cells = _Cells(cuboids.nation, where, minus)
            elif pemda_wide:
                cells = _Cells(cuboids.pemda, pemda_where, minus)
            else:
                cells = _Cells(cuboids.organisation, where, minus)
        by_key = {_none_to_zero(k): row for k, row in _rows(cells, column).items()}
        labels = _labels(name, by_key)
        rows = []
        for key, row in by_key.items():
            row.key = key
            row.label = labels.get(key) or str(NONE_LABELS.get(name, "-"))
            rows.append(row)
        rows.sort(key=lambda r: (-r.total, r.label))
        groups[name] = rows
    return RollupFigures(summary=summary, months=months, groups=groups)


def _merged(hist: dict[int, list[tuple[int, int]]]) -> dict[int, list[tuple[int, int]]]:
    out: dict[int, list[tuple[int, int]]] = {}
    for measure, pairs in hist.items():
        counts: dict[int, int] = defaultdict(int)
        for bucket, count in pairs:
            counts[bucket] += count
        out[measure] = list(counts.items())
    return out
