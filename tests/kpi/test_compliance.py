"""Every finished step against its limit, per responsible organisation and step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import client_for
from tests.kpi.conftest import PERIOD
from tuntas.demo.builder import Demo
from tuntas.kpi.access import kpi_scope
from tuntas.kpi.dashboard import build_dashboard
from tuntas.kpi.facts import clock_actual
from tuntas.kpi.filters import KpiFilter
from tuntas.kpi.workdays import DayCounter
from tuntas.reports.models import Report
from tuntas.workdays.engine import WorkCalendar

At = Callable[..., datetime]


def test_followup_step_per_agency(demo: Demo, world: dict[str, Report]) -> None:
    response = client_for(demo.users["kapuas.koordinator"]).get(
        "/petugas/kinerja/kepatuhan/", PERIOD
    )
    assert response.status_code == 200
    rows = response.context["result"].rows
    followup = next(
        r for r in rows if r.organisation == "Dinas PUPR Kapuas" and r.step == "followup"
    )
    # r1 answered in 3 WD, r2 in 22 WD, r4 sent to Ombudsman after 1 WD; limit 10 WD.
    assert (followup.limit, followup.measured, followup.met, followup.late) == (10, 3, 2, 1)
    assert followup.max_overrun == 12
    assert followup.avg_actual == round((3 + 22 + 1) / 3, 1)
    verification = next(
        r for r in rows if r.organisation == "Kab. Kapuas" and r.step == "verification"
    )
    # r1 2 WD, r2 0, r3 archived after 1, r4 1, r5 1; limit 3 WD.
    assert (verification.measured, verification.met) == (5, 5)
    worst = response.context["result"].worst
    assert worst[0].tracking_id == world["r2"].tracking_id
    assert "Pelanggaran terbesar" in response.content.decode()


def test_agency_sees_only_its_own_steps(demo: Demo, world: dict[str, Report]) -> None:
    response = client_for(demo.users["kapuas.pupr.penghubung"]).get("/api/kpi/compliance/", PERIOD)
    assert response.status_code == 200
    body = response.json()
    assert {r["organisation_code"] for r in body["rows"]} == {"kapuas-pupr"}
    assert all(o["tracking_id"] != world["r5"].tracking_id for o in body["worst"])


def test_overdue_lists_open_late_steps(demo: Demo, world: dict[str, Report], at: At) -> None:
    scope = kpi_scope(demo.users["kapuas.koordinator"])
    f = KpiFilter(date_from=at(2026, 10, 1).date(), date_to=at(2026, 11, 30).date())
    board = build_dashboard(scope, f, at(2026, 12, 31, 12))
    late = {i.tracking_id for i in board.overdue_items}
    # r2 is being re-drafted and r5 was reopened: both have open steps long past due;
    # Majalengka's m1 is late too, but outside this coordinator's scope.
    assert {world["r2"].tracking_id, world["r5"].tracking_id} <= late
    assert world["m1"].tracking_id not in late
    assert {a.organisation for a in board.overdue_agencies} <= {
        "Dinas PUPR Kapuas",
        "Disdik Kapuas",
        "Kab. Kapuas",
    }
    early = build_dashboard(scope, f, at(2026, 10, 1, 12))
    assert early.overdue_items == []


def test_actual_time_leaves_pauses_out() -> None:
    jakarta = ZoneInfo("Asia/Jakarta")
    cal = WorkCalendar(tz=jakarta)
    days = DayCounter(cal)
    monday = datetime(2026, 10, 5, 9, tzinfo=jakarta)
    # Limit 10 WD; paused and resumed so the deadline moved to Fri 23 Oct; stopped Tue 20.
    moved_due = datetime(2026, 10, 23, 23, 59, 59, tzinfo=jakarta)
    stopped = datetime(2026, 10, 20, 10, tzinfo=jakarta)

    def ten_days(
        due_at: datetime | None, paused_at: datetime | None, remaining: int | None, stop: datetime
    ) -> int:
        return clock_actual(
            amount=10,
            unit="working_days",
            started_at=monday,
            due_at=due_at,
            paused_at=paused_at,
            remaining=remaining,
            stopped_at=stop,
            cal=cal,
            days=days,
        )

    used = ten_days(moved_due, None, None, stopped)
    assert used == 7  # 10 minus the 3 working days left (21, 22, 23 Oct)
    paused = ten_days(None, stopped, 4, stopped)
    assert paused == 6
    late = ten_days(
        datetime(2026, 10, 19, 23, 59, 59, tzinfo=jakarta),
        None,
        None,
        datetime(2026, 10, 21, 8, tzinfo=jakarta),
    )
    assert late == 12
    minutes = clock_actual(
        amount=5,
        unit="working_minutes",
        started_at=monday,
        due_at=datetime(2026, 10, 5, 9, 5, tzinfo=jakarta),
        paused_at=None,
        remaining=None,
        stopped_at=datetime(2026, 10, 5, 9, 35, tzinfo=jakarta),
        cal=cal,
        days=days,
    )
    assert minutes == 35


def test_overdue_counts_come_from_cells_counted_by_the_refresh(
    demo: Demo, world: dict[str, Report], at: At
) -> None:
    from tuntas.kpi.facts import refresh_changed
    from tuntas.kpi.models import OverdueCell
    from tuntas.kpi.overdue import overdue_agencies, overdue_clocks, overdue_per_agency

    scope = kpi_scope(demo.users["kapuas.koordinator"])
    f = KpiFilter(date_from=at(2026, 10, 1).date(), date_to=at(2026, 11, 30).date())
    moment = at(2026, 12, 31, 12)
    refresh_changed(since=moment, now=moment)  # nothing changed; the late steps recounted
    assert OverdueCell.objects.exists()
    live = overdue_per_agency(overdue_clocks(scope, f, moment))
    assert live  # r2 and r5 have open late steps
    with CaptureQueriesContext(connection) as queries:
        counted = overdue_agencies(scope, f, moment)
    assert counted == live
    assert "reports_clock" not in " ".join(q["sql"] for q in queries.captured_queries)
    # Majalengka's late step is counted, but outside this coordinator's scope.
    national = kpi_scope(demo.users["nasional"])
    assert sum(a.count for a in overdue_agencies(national, f, moment)) > sum(
        a.count for a in counted
    )
