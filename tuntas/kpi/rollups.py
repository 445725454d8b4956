"""Roll-ups of the report facts: counts, sums and duration histograms per period.

The dashboard must not read one row per report (ten million for the nation), so the
facts are summed into :class:`~tuntas.kpi.models.Rollup` rows per *cuboid*: the
dimensions a view groups or filters by. The cuboids kept are

- per Pemda and lead agency (the summary, months and agencies of any scope), and per
  Pemda and lead agency with the channel, the category or the classification (those
  breakdowns for a Pemda or an agency);
- per Pemda with the channel, the category or the classification (a Pemda's
  breakdowns without adding up its agencies' cells);
- the nation as a whole, and per channel, category and classification (the national
  view, which would otherwise add up every Pemda's rows);

each at two grains, days and months, so a period reads whole months plus the days of
the months it only partly covers. Medians come from
:class:`~tuntas.kpi.models.RollupHistogram`: how many reports took each duration, in
tenths of a working day, so a median is exact to 0.1 working day (the durations are
whole working days today, so exact).

**Maintenance** is incremental, in the transaction that refreshes a batch of facts:
the batch's old facts are subtracted (``apply_facts(ids, sign=-1)``) before they are
replaced and the new ones added (``sign=+1``), with ``INSERT ... ON CONFLICT DO UPDATE``
adding to the stored cells (PostgreSQL and SQLite alike). Cells that drop to zero stay
(the readers skip them) until the next :func:`rebuild`. ``refresh_kpi --all`` rebuilds
everything from the facts: the day cells of the per-organisation cuboids from the
facts, the national cuboids from those, and every month from its days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from tuntas.kpi.models import ReportFact, Rollup, RollupHistogram

#: The measured durations (working days from receipt), by their number in the histograms.
MEASURES: tuple[str, ...] = ("wd_verify", "wd_dispose", "wd_first_answer", "wd_close")
#: Histogram buckets per working day: medians are exact to 0.1 working day.
BUCKETS_PER_DAY = 10

#: Rollup column -> the fact column it is grouped by.
DIMENSIONS: dict[str, str] = {
    "pemda_id": "pemda_id",
    "agency_id": "lead_agency_id",
    "category_id": "category_id",
    "channel_id": "channel_id",
    "classification_id": "classification_id",
}
DIMENSION_COLUMNS = tuple(DIMENSIONS)

#: Rollup count column -> what it counts in a fact (``None``: every fact).
COUNTS: dict[str, str | None] = {
    "total": None,
    "needs_followup": "needs_followup",
    "followed_up": "followed_up",
    "within_limit": "followed_up_within_limit",
    "escalated": "escalated",
    "ombudsman": "ombudsman",
    "satisfied": "satisfied",
    "closed_once": "closed_once",
    "reopened": "reopened",
}
#: Rollup columns holding, per measure, how many facts have it and their sum.
SUMS: dict[str, tuple[str, str]] = {
    measure: (f"n_{measure[3:]}", f"sum_{measure[3:]}") for measure in MEASURES
}
VALUE_COLUMNS: tuple[str, ...] = (
    *COUNTS,
    "feedback",
    *(column for pair in SUMS.values() for column in pair),
)


@dataclass(frozen=True)
class Cuboid:
    number: int
    dimensions: tuple[str, ...]  # rollup columns kept; the others are 0

    def keeps(self, column: str) -> bool:
        return column in self.dimensions


ORGANISATIONS = ("pemda_id", "agency_id")
BY_ORGANISATION = Cuboid(1, ORGANISATIONS)
BY_ORGANISATION_CHANNEL = Cuboid(2, (*ORGANISATIONS, "channel_id"))
BY_ORGANISATION_CATEGORY = Cuboid(3, (*ORGANISATIONS, "category_id"))
BY_ORGANISATION_CLASSIFICATION = Cuboid(4, (*ORGANISATIONS, "classification_id"))
NATION = Cuboid(5, ())
NATION_CHANNEL = Cuboid(6, ("channel_id",))
NATION_CATEGORY = Cuboid(7, ("category_id",))
NATION_CLASSIFICATION = Cuboid(8, ("classification_id",))
# A Pemda's breakdowns without its agencies (a fraction of the cells to add up).
PEMDA_CHANNEL = Cuboid(9, ("pemda_id", "channel_id"))
PEMDA_CATEGORY = Cuboid(10, ("pemda_id", "category_id"))
PEMDA_CLASSIFICATION = Cuboid(11, ("pemda_id", "classification_id"))

FROM_FACTS: tuple[Cuboid, ...] = (
    BY_ORGANISATION,
    BY_ORGANISATION_CHANNEL,
    BY_ORGANISATION_CATEGORY,
    BY_ORGANISATION_CLASSIFICATION,
)
#: Coarser cuboid -> the per-organisation cuboid it is the sum of (for rebuilds).
DERIVED: dict[Cuboid, Cuboid] = {
    NATION: BY_ORGANISATION,
    NATION_CHANNEL: BY_ORGANISATION_CHANNEL,
    NATION_CATEGORY: BY_ORGANISATION_CATEGORY,
    NATION_CLASSIFICATION: BY_ORGANISATION_CLASSIFICATION,
    PEMDA_CHANNEL: BY_ORGANISATION_CHANNEL,
    PEMDA_CATEGORY: BY_ORGANISATION_CATEGORY,
    PEMDA_CLASSIFICATION: BY_ORGANISATION_CLASSIFICATION,
}
CUBOIDS: tuple[Cuboid, ...] = (*FROM_FACTS, *DERIVED)


@dataclass(frozen=True)
class Breakdown:
    """Where a breakdown is read from: per organisation (agency views), per Pemda
    (Pemda views), nationally (the national view)."""

    organisation: Cuboid
    pemda: Cuboid
    nation: Cuboid


BREAKDOWN_CUBOIDS: dict[str, Breakdown] = {
    "channel_id": Breakdown(BY_ORGANISATION_CHANNEL, PEMDA_CHANNEL, NATION_CHANNEL),
    "category_id": Breakdown(BY_ORGANISATION_CATEGORY, PEMDA_CATEGORY, NATION_CATEGORY),
    "classification_id": Breakdown(
        BY_ORGANISATION_CLASSIFICATION, PEMDA_CLASSIFICATION, NATION_CLASSIFICATION
    ),
}
GRAINS = ("d", "m")

ROLLUP = Rollup._meta.db_table
HISTOGRAM = RollupHistogram._meta.db_table
FACTS = ReportFact._meta.db_table
KEY = ("cuboid", "grain", "period", *DIMENSION_COLUMNS)


def _dimension_exprs(cuboid: Cuboid, source: dict[str, str]) -> list[str]:
    return [
        f"COALESCE({source[column]}, 0)" if cuboid.keeps(column) else "0"
        for column in DIMENSION_COLUMNS
    ]


def _flag(column: str) -> str:
    return f"CASE WHEN {column} THEN 1 ELSE 0 END"


def _fact_values(sign: int) -> list[str]:
    values = []
    for column in COUNTS.values():
        values.append(f"{sign} * COUNT(*)" if column is None else f"{sign} * SUM({_flag(column)})")
    values.append(f"{sign} * COUNT(satisfied)")
    for measure in MEASURES:
        values += [f"{sign} * COUNT({measure})", f"{sign} * COALESCE(SUM({measure}), 0)"]
    return values


def _upsert(table: str, key: Sequence[str], values: Sequence[str]) -> str:
    sets = ", ".join(f"{v} = {table}.{v} + excluded.{v}" for v in values)
    return f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sets}"


def _rollup_from_facts(cuboid: Cuboid, grain: str, sign: int, where: str) -> str:
    period = "created_date" if grain == "d" else "created_month"
    dims = _dimension_exprs(cuboid, DIMENSIONS)
    columns = ", ".join(("cuboid", "grain", "period", "month", *DIMENSION_COLUMNS, *VALUE_COLUMNS))
    select = ", ".join((str(cuboid.number), f"'{grain}'", period, "created_month", *dims))
    values = ", ".join(_fact_values(sign))
    # Grouping by a constant would name a column by position: group by kept ones only.
    group = ", ".join((period, "created_month", *(d for d in dims if d != "0")))
    return (
        f"INSERT INTO {ROLLUP} ({columns}) SELECT {select}, {values} FROM {FACTS}"  # noqa: S608
        f" WHERE {where} GROUP BY {group}" + _upsert(ROLLUP, KEY, VALUE_COLUMNS)
    )


def _histogram_from_facts(cuboid: Cuboid, grain: str, sign: int, where: str) -> str:
    period = "created_date" if grain == "d" else "created_month"
    dims = _dimension_exprs(cuboid, DIMENSIONS)
    pairs = zip(dims, DIMENSION_COLUMNS, strict=True)
    named = ", ".join(f"{expr} AS {column}" for expr, column in pairs)
    parts = [
        f"SELECT {period} AS period, created_month AS month, {named}, {number} AS measure,"  # noqa: S608
        f" {measure} * {BUCKETS_PER_DAY} AS bucket FROM {FACTS}"
        f" WHERE {where} AND {measure} IS NOT NULL"
        for number, measure in enumerate(MEASURES)
    ]
    key = ("period", "month", *DIMENSION_COLUMNS, "measure", "bucket")
    columns = ", ".join(("cuboid", "grain", *key, "count"))
    group = ", ".join(f"u.{c}" for c in key)
    return (
        f"INSERT INTO {HISTOGRAM} ({columns}) SELECT {cuboid.number}, '{grain}', {group},"  # noqa: S608
        f" {sign} * COUNT(*) FROM ({' UNION ALL '.join(parts)}) u WHERE 1 = 1 GROUP BY {group}"
        + _upsert(HISTOGRAM, (*KEY, "measure", "bucket"), ("count",))
    )


def apply_facts(report_ids: Sequence[int], *, sign: int) -> None:
    """Add (``sign=1``) or subtract (``-1``) the current facts of these reports to or
    from every cuboid, in the caller's transaction."""
    if not report_ids:
        return
    placeholders = ", ".join(["%s"] * len(report_ids))
    where = f"report_id IN ({placeholders})"
    params = list(report_ids)
    with connection.cursor() as cursor:
        for cuboid in CUBOIDS:
            for grain in GRAINS:
                cursor.execute(_rollup_from_facts(cuboid, grain, sign, where), params)
                cursor.execute(
                    _histogram_from_facts(cuboid, grain, sign, where), params * len(MEASURES)
                )


def _derive(table: str, target: Cuboid, grain: str, source: Cuboid, values: Sequence[str]) -> str:
    """Cells of ``target`` at ``grain`` summed from ``source``'s day cells."""
    period = "period" if grain == "d" else "month"
    dims = [column if target.keeps(column) else "0" for column in DIMENSION_COLUMNS]
    extra = ("measure", "bucket") if table == HISTOGRAM else ()
    columns = ", ".join(("cuboid", "grain", "period", "month", *DIMENSION_COLUMNS, *extra, *values))
    sums = ", ".join(f"SUM({v})" for v in values)
    group = ", ".join((period, "month", *(d for d in dims if d != "0"), *extra))
    return (
        f"INSERT INTO {table} ({columns}) SELECT {target.number}, '{grain}', {period}, month,"  # noqa: S608
        f" {', '.join((*dims, *extra))}, {sums} FROM {table}"
        f" WHERE cuboid = {source.number} AND grain = 'd' GROUP BY {group}"
    )


def rebuild() -> None:
    """Every cell again from the facts (in the caller's transaction)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {HISTOGRAM}")  # noqa: S608
        cursor.execute(f"DELETE FROM {ROLLUP}")  # noqa: S608
        for cuboid in FROM_FACTS:
            cursor.execute(_rollup_from_facts(cuboid, "d", 1, "1 = 1"))
            cursor.execute(_histogram_from_facts(cuboid, "d", 1, "1 = 1"))
        for target, source in DERIVED.items():
            cursor.execute(_derive(ROLLUP, target, "d", source, VALUE_COLUMNS))
            cursor.execute(_derive(HISTOGRAM, target, "d", source, ("count",)))
        for cuboid in CUBOIDS:
            cursor.execute(_derive(ROLLUP, cuboid, "m", cuboid, VALUE_COLUMNS))
            cursor.execute(_derive(HISTOGRAM, cuboid, "m", cuboid, ("count",)))
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {ROLLUP}")
            cursor.execute(f"ANALYZE {HISTOGRAM}")
