"""Two people taking the same step at the same moment: exactly one wins.

Each action locks the report row (``select_for_update``) before it reads the status,
so the second transaction waits for the first and then sees the new status. Runs on
PostgreSQL (row locks) and on SQLite, where the first ``BEGIN IMMEDIATE`` locks the
database and the second waits (busy timeout). SQLite's in-memory test database cannot
make a writer wait (a shared-cache lock fails at once), so on SQLite these tests copy
the test database to a file, exactly as a real SQLite deployment runs.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import close_old_connections, connection, connections

from tests.reports.helpers import make_report
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo, build_demo
from tuntas.reports import actions
from tuntas.reports.actions import Actor, base
from tuntas.reports.models import Assignment, AssignmentState, Clock, FollowUp, Report, Status
from tuntas.reports.transitions import TransitionNotAllowed
from tuntas.standards.models import Step
from tuntas.workdays.calendars import clear_calendar_cache

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Race:
    results: list[str] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def race(*contenders: Callable[[], object], rounds_timeout: float = 60.0) -> Race:
    """Run the contenders in threads released at the same instant."""
    outcome = Race()
    barrier = threading.Barrier(len(contenders))

    def run(contender: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            contender()
            with outcome.lock:
                outcome.results.append("ok")
        except TransitionNotAllowed:
            with outcome.lock:
                outcome.results.append("refused")
        except BaseException as exc:  # reported by the test
            with outcome.lock:
                outcome.errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(c,)) for c in contenders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=rounds_timeout)
        assert not thread.is_alive(), "a contender hung"
    return outcome


@pytest.fixture
def shared_database(transactional_db: None, tmp_path: Path) -> Iterator[None]:
    """On SQLite, point every thread's connection at a file copy of the test database."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or not (name == ":memory:" or "mode=memory" in name):
        yield
        return
    path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    settings_dict = connection.settings_dict
    in_memory_name = settings_dict["NAME"]
    in_memory_wrapper = connections["default"]
    settings_dict["NAME"] = str(path)
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        settings_dict["NAME"] = in_memory_name
        connections["default"] = in_memory_wrapper


@pytest.fixture
def world(shared_database: None, monkeypatch: pytest.MonkeyPatch) -> Demo:
    clear_calendar_cache()
    demo = build_demo()
    # Hold the lock a little while, so the other contender surely arrives meanwhile.
    original = base.lock_report

    def slow_lock(report: Report | int) -> Report:
        locked = original(report)
        time.sleep(0.3)
        return locked

    # Every action locks through the one prologue (``base.ReportAction.run``).
    monkeypatch.setattr(base, "lock_report", slow_lock)
    return demo


def _assert_one_winner(outcome: Race) -> None:
    assert outcome.errors == []
    assert sorted(outcome.results) == ["ok", "refused"]


def test_two_coordinators_verifying_at_once_verify_once(world: Demo) -> None:
    # A second coordinator of Kapuas.
    from tuntas.accounts.models import User
    from tuntas.organisations.models import Membership, Role

    second = User.objects.create(username="kapuas.koordinator2", full_name="Koordinator Dua")
    Membership.objects.create(user=second, organisation=world.orgs["kapuas"], role=Role.COORDINATOR)
    first = world.users["kapuas.koordinator"]
    report = make_report(world, Status.SUBMITTED)
    close_old_connections()

    outcome = race(
        lambda: actions.verify_report(report.pk, actor=Actor(user=first)),
        lambda: actions.verify_report(report.pk, actor=Actor(user=second)),
    )

    _assert_one_winner(outcome)
    report.refresh_from_db()
    assert report.status == Status.VERIFIED
    assert AuditEvent.objects.filter(report=report, action="verify").count() == 1
    assert Clock.objects.filter(report=report, step=Step.DISPOSITION).count() == 1


def test_two_liaisons_accepting_at_once_accept_once(world: Demo) -> None:
    report = make_report(world, Status.DISPOSED)

    outcome = race(
        lambda: actions.accept_disposition(
            report.pk, actor=Actor(user=world.users["kapuas.pupr.penghubung"])
        ),
        lambda: actions.accept_disposition(
            report.pk, actor=Actor(user=world.users["kapuas.pupr.admin"])
        ),
    )

    _assert_one_winner(outcome)
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    assert AuditEvent.objects.filter(report=report, action="accept").count() == 1
    assert Assignment.objects.filter(report=report, state=AssignmentState.ACCEPTED).count() == 1
    assert Clock.objects.filter(report=report, step=Step.INTERNAL_DISPOSITION).count() == 1


def test_reporter_and_coordinator_closing_at_once_close_once(world: Demo) -> None:
    report = make_report(world, Status.FOLLOWED_UP)

    outcome = race(
        lambda: actions.reply_satisfied(report.pk, actor=Actor(user=world.users["warga"])),
        lambda: actions.close_report(
            report.pk, actor=Actor(user=world.users["kapuas.koordinator"])
        ),
    )

    _assert_one_winner(outcome)
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    assert AuditEvent.objects.filter(report=report, to_status=Status.CLOSED).count() == 1


def test_two_approvers_approve_one_draft_once(world: Demo) -> None:
    report = make_report(world, Status.DRAFT_REVIEW)

    outcome = race(
        lambda: actions.approve_draft(
            report.pk, actor=Actor(user=world.users["kapuas.pupr.kadis"])
        ),
        lambda: actions.approve_draft(
            report.pk, actor=Actor(user=world.users["kapuas.pupr.penghubung"])
        ),
    )

    _assert_one_winner(outcome)
    assert AuditEvent.objects.filter(report=report, action="approve_draft").count() == 1
    assert FollowUp.objects.get(report=report).reviewed_by_id in {
        world.users["kapuas.pupr.kadis"].pk,
        world.users["kapuas.pupr.penghubung"].pk,
    }
    assert Report.objects.get(pk=report.pk).status == Status.DRAFT_APPROVED


def test_the_database_is_shared_between_threads(world: Demo) -> None:
    seen: list[int] = []

    def count() -> None:
        try:
            seen.append(Report.objects.count())
        finally:
            connections.close_all()

    make_report(world, Status.SUBMITTED)
    thread = threading.Thread(target=count)
    thread.start()
    thread.join()
    assert seen == [1]


def test_two_sweeps_at_once_act_on_each_due_clock_once(world: Demo) -> None:
    from tuntas.reports.sweep import sweep

    reports = [make_report(world, Status.FOLLOWED_UP) for _ in range(6)]
    deadlines = [
        Clock.objects.get(report=r, step=Step.AUTO_CLOSE, stopped_at__isnull=True).due_at
        for r in reports
    ]
    due = max(d for d in deadlines if d is not None)
    close_old_connections()

    outcome = race(lambda: sweep(due, batch_size=2), lambda: sweep(due, batch_size=2))

    assert outcome.errors == []
    for report in reports:
        assert Report.objects.get(pk=report.pk).status == Status.CLOSED
        assert AuditEvent.objects.filter(report=report, action="close").count() == 1


def test_the_sweep_and_the_reporter_at_once_close_once(world: Demo) -> None:
    from tuntas.reports.sweep import sweep

    report = make_report(world, Status.FOLLOWED_UP)
    due = Clock.objects.get(report=report, step=Step.AUTO_CLOSE, stopped_at__isnull=True).due_at
    close_old_connections()

    outcome = race(
        lambda: actions.reply_satisfied(report.pk, actor=Actor(user=world.users["warga"])),
        lambda: sweep(due),
    )

    assert outcome.errors == []
    assert AuditEvent.objects.filter(report=report, to_status=Status.CLOSED).count() == 1
    assert Report.objects.get(pk=report.pk).status == Status.CLOSED
