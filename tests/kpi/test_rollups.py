"""The roll-ups give exactly the figures of the facts (medians to 0.1 working day), after a
full build and after facts change one batch at a time; a view reads cells, not reports."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import client_for
from tests.reports.helpers import report_input
from tuntas.demo.builder import Demo
from tuntas.kpi import rollups
from tuntas.kpi.access import KpiScope
from tuntas.kpi.dashboard import BREAKDOWNS
from tuntas.kpi.filters import KpiFilter
from tuntas.kpi.models import RefreshState, ReportFact, Rollup
from tuntas.kpi.rollup_selectors import (
    histogram_median,
    period_q,
    rollup_figures,
    signed_period,
)
from tuntas.kpi.selectors import KpiRow, breakdown, by_month, facts, summary
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.reference.models import Category, Channel, Classification
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report

START = date(2026, 1, 1)
DAYS = 150


def _reports(demo: Demo, count: int) -> list[int]:
    """``count`` reports (clones of one filed through the real action)."""
    first = actions.submit_report(
        report_input(demo), actor=Actor.reporter(demo.users["warga"])
    ).report
    clones = []
    for number in range(count - 1):
        clone = Report.objects.get(pk=first.pk)
        clone.pk = None
        clone.tracking_id = f"RND-{number:06d}"
        clones.append(clone)
    Report.objects.bulk_create(clones)
    return list(Report.objects.order_by("pk").values_list("pk", flat=True))


class World:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        pemdas = list(Organisation.objects.filter(kind=OrganisationKind.PEMDA))
        self.pemdas = [p.pk for p in pemdas]
        self.agencies = {
            p.pk: [a.pk for a in Organisation.objects.filter(parent=p, kind="agency")]
            for p in pemdas
        }
        self.categories = list(Category.objects.values_list("pk", flat=True))
        self.channels = list(Channel.objects.values_list("pk", flat=True))
        self.classifications = list(Classification.objects.values_list("pk", flat=True))

    def duration(self) -> int | None:
        return None if self.rng.random() < 0.3 else self.rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 40])

    def flag(self) -> bool:
        return self.rng.random() < 0.5

    def fact(self, report_id: int) -> ReportFact:
        rng = self.rng
        pemda = rng.choice(self.pemdas)
        agencies = self.agencies[pemda]
        received = START + timedelta(days=rng.randrange(DAYS))
        moment = timezone.now()
        return ReportFact(
            report_id=report_id,
            pemda_id=pemda,
            lead_agency_id=rng.choice(agencies) if agencies and rng.random() < 0.8 else None,
            category_id=rng.choice(self.categories) if rng.random() < 0.9 else None,
            classification_id=rng.choice(self.classifications),
            channel_id=rng.choice(self.channels),
            status="submitted",
            created_at=moment,
            created_date=received,
            created_month=received.replace(day=1),
            wd_verify=self.duration(),
            wd_dispose=self.duration(),
            wd_first_answer=self.duration(),
            wd_close=self.duration(),
            needs_followup=self.flag(),
            followed_up=self.flag(),
            followed_up_within_limit=self.flag(),
            escalated=self.flag(),
            ombudsman=self.flag(),
            satisfied=rng.choice([None, True, False]),
            closed_once=self.flag(),
            reopened=self.flag(),
            source_changed_at=moment,
            refreshed_at=moment,
        )


def _same(a: KpiRow, b: KpiRow) -> None:
    assert (a.key, a.label) == (b.key, b.label)
    assert vars(a) == vars(b), a.label


def _exact(scope: KpiScope, f: KpiFilter) -> tuple[KpiRow, list[KpiRow], dict[str, list[KpiRow]]]:
    qs = facts(scope, f)
    return summary(qs), by_month(qs, f), {name: breakdown(qs, name) for name in BREAKDOWNS}


def _check(scope: KpiScope, f: KpiFilter) -> None:
    exact_summary, exact_months, exact_groups = _exact(scope, f)
    got = rollup_figures(scope, f, BREAKDOWNS)
    _same(got.summary, exact_summary)
    assert len(got.months) == len(exact_months)
    for mine, theirs in zip(got.months, exact_months, strict=True):
        _same(mine, theirs)
    for name in BREAKDOWNS:
        assert [r.label for r in got.groups[name]] == [r.label for r in exact_groups[name]], name
        for mine, theirs in zip(got.groups[name], exact_groups[name], strict=True):
            _same(mine, theirs)


def _views(world: World, rng: random.Random) -> list[tuple[KpiScope, KpiFilter]]:
    views = []
    for _ in range(12):
        start = START + timedelta(days=rng.randrange(-20, DAYS))
        end = start + timedelta(days=rng.randrange(0, 120))
        pemda = rng.choice(world.pemdas)
        agencies = world.agencies[pemda]
        scopes = [
            KpiScope(national=True, pemda_ids=frozenset(), agency_ids=frozenset()),
            KpiScope(national=False, pemda_ids=frozenset({pemda}), agency_ids=frozenset()),
        ]
        if agencies:
            other = rng.choice([p for p in world.pemdas if p != pemda])
            scopes.append(
                KpiScope(
                    national=False, pemda_ids=frozenset({other}), agency_ids=frozenset(agencies[:1])
                )
            )
        for scope in scopes:
            views.append((scope, KpiFilter(date_from=start, date_to=end)))
        views.append(
            (
                scopes[0],
                KpiFilter(
                    date_from=start,
                    date_to=end,
                    pemda=Organisation.objects.get(pk=pemda),
                ),
            )
        )
    return views


@pytest.fixture
def random_world(demo: Demo) -> World:
    rng = random.Random(2026)
    world = World(rng)
    ids = _reports(demo, 400)
    ReportFact.objects.bulk_create([world.fact(pk) for pk in ids])
    rollups.rebuild()
    return world


def test_a_full_build_equals_the_facts(random_world: World) -> None:
    rng = random.Random(7)
    for scope, f in _views(random_world, rng):
        _check(scope, f)


def test_changes_one_batch_at_a_time_keep_them_equal(random_world: World) -> None:
    rng = random.Random(11)
    ids = list(ReportFact.objects.values_list("report_id", flat=True))
    for _round in range(3):
        batch = rng.sample(ids, 60)
        with transaction.atomic():
            rollups.apply_facts(batch, sign=-1)
            ReportFact.objects.filter(report_id__in=batch).delete()
            kept = batch[:50]  # ten reports lose their fact (as if deleted), the rest change
            ReportFact.objects.bulk_create([random_world.fact(pk) for pk in kept])
            rollups.apply_facts(batch, sign=1)
    for scope, f in _views(random_world, rng):
        _check(scope, f)
    # A rebuild from the facts gives the same cells (cells that dropped to zero aside).
    before = {tuple(r[1:]) for r in Rollup.objects.filter(total__gt=0).values_list(*_cell_fields())}
    rollups.rebuild()
    after = {tuple(r[1:]) for r in Rollup.objects.values_list(*_cell_fields())}
    assert before == after


def _cell_fields() -> list[str]:
    return ["id", *rollups.KEY, *rollups.VALUE_COLUMNS]


def test_periods_split_into_whole_months_and_days() -> None:
    rng = random.Random(3)
    for _ in range(300):
        start = date(2025, 11, 1) + timedelta(days=rng.randrange(120))
        end = start + timedelta(days=rng.randrange(0, 200))
        covered: list[date] = []
        day = start
        while day <= end:
            covered.append(day)
            day += timedelta(days=1)
        # Every day of the period is in exactly one cell kind: a whole month or a day.
        months, days = _covered(period_q(start, end))
        by_month = {d for d in covered if date(d.year, d.month, 1) in months}
        assert by_month.isdisjoint(days)
        assert by_month | days == set(covered)


def _covered(q: object) -> tuple[set[date], set[date]]:
    """Evaluate ``period_q``'s conditions over a small range of dates, in Python."""
    months: set[date] = set()
    days: set[date] = set()
    day = date(2025, 10, 1)
    while day < date(2026, 12, 31):
        if _matches(q, "m", day):
            months.add(day)
        if _matches(q, "d", day):
            days.add(day)
        day += timedelta(days=1)
    return {m for m in months if m.day == 1}, days


def _matches(q: object, grain: str, day: date) -> bool:
    assert isinstance(q, Q)
    results = []
    for child in q.children:
        if isinstance(child, Q):
            results.append(_matches(child, grain, day))
            continue
        assert isinstance(child, tuple)
        name, value = child
        if name == "grain":
            results.append(grain == value)
        elif name == "period__gte":
            results.append(day >= value)
        elif name == "period__gt":
            results.append(day > value)
        elif name == "period__lte":
            results.append(day <= value)
        elif name == "period__lt":
            results.append(day < value)
        elif name == "period__in":
            results.append(day in value)
        else:
            raise AssertionError(name)
    return any(results) if q.connector == "OR" else all(results)


def test_histogram_median_is_the_interpolated_median() -> None:
    assert histogram_median([]) is None
    assert histogram_median([(10, 1)]) == 1.0
    assert histogram_median([(10, 1), (20, 1)]) == 1.5
    assert histogram_median([(0, 2), (30, 1)]) == 0.0
    assert histogram_median([(50, 1), (0, 1), (10, 2)]) == 1.0


def test_a_national_view_reads_cells_not_reports(random_world: World) -> None:
    scope = KpiScope(national=True, pemda_ids=frozenset(), agency_ids=frozenset())
    f = KpiFilter(date_from=START, date_to=START + timedelta(days=DAYS))
    with CaptureQueriesContext(connection) as queries:
        rollup_figures(scope, f, BREAKDOWNS)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "kpi_reportfact" not in sql
    assert "reports_report" not in sql


PAGES = [
    "/petugas/kinerja/",
    "/petugas/kinerja/kepatuhan/",
    "/api/kpi/summary/",
    "/api/kpi/compliance/",
    "/statistik/?year=2026",
]


def _query_counts(demo: Demo) -> dict[str, int]:
    client = client_for(demo.users["nasional"])
    counts = {}
    period = {"date_from": "2026-01-01", "date_to": "2026-06-30"}
    for url in PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, period if "statistik" not in url else None)
        assert response.status_code == 200, url
        counts[url] = len(queries.captured_queries)
    return counts


def test_query_counts_per_page_do_not_grow_with_the_data(demo: Demo) -> None:
    world = World(random.Random(5))
    ids = _reports(demo, 300)
    ReportFact.objects.bulk_create([world.fact(pk) for pk in ids[:20]])
    rollups.rebuild()
    RefreshState.objects.update_or_create(pk=1, defaults={"rollups_built_at": timezone.now()})
    few = _query_counts(demo)
    ReportFact.objects.bulk_create([world.fact(pk) for pk in ids[20:]])
    rollups.rebuild()
    many = _query_counts(demo)
    assert many == few
    assert few["/petugas/kinerja/"] <= 40


def test_signed_periods_count_every_day_once() -> None:
    rng = random.Random(9)
    for _ in range(300):
        start = date(2025, 11, 1) + timedelta(days=rng.randrange(120))
        end = start + timedelta(days=rng.randrange(0, 200))
        read, minus = signed_period(start, end)  # every cell read; those taken away
        months, days = _covered(read)
        taken = _covered(minus)[1] if minus is not None else set()
        days -= taken
        assert all(not start <= d <= end for d in taken)
        day = date(2025, 10, 1)
        while day < date(2026, 12, 31):
            net = (date(day.year, day.month, 1) in months) + (day in days) - (day in taken)
            assert net == (1 if start <= day <= end else 0), (start, end, day)
            day += timedelta(days=1)
        # Never more than about half a month of day cells at either end.
        assert len(days) + len(taken) <= 32
