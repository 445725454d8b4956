"""The sweep as the people concerned notice it: who hears what, once, and nothing else."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reports.sweep.seeds import SEEDS, clock, disposed, followed_up, reload, submitted
from tuntas.audit.models import AuditEvent, Visibility
from tuntas.demo.builder import Demo
from tuntas.outbox.models import OutboxMessage
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import AssignmentState, Clock, Status
from tuntas.reports.sweep import rules, sweep
from tuntas.standards.models import Step

WIB = ZoneInfo("Asia/Jakarta")
START = datetime(2026, 3, 12, 10, 0, tzinfo=WIB)
KAPUAS = next(s for s in SEEDS if s.name == "003")
BANGKALAN = next(s for s in SEEDS if s.name == "004")


def _told(demo: Demo, username: str, event: str) -> int:
    user = demo.users[username]
    return OutboxMessage.objects.filter(recipient=user, event=event, channel="in_app").count()


def test_nothing_due_is_a_couple_of_queries(demo: Demo) -> None:
    for _ in range(5):
        submitted(demo, KAPUAS, START)
    with CaptureQueriesContext(connection) as queries:
        result = sweep(START + timedelta(hours=1))
    assert result.total_actions == 0
    assert len(queries) <= 6


def test_a_followup_left_unanswered_closes_and_everyone_concerned_hears(demo: Demo) -> None:
    report = followed_up(demo, KAPUAS, START)
    due = clock(report, Step.AUTO_CLOSE).due_at
    assert due is not None
    result = sweep(due)
    assert result.actions["close"] == 1

    report = reload(report)
    assert report.status == Status.CLOSED
    assert report.close_reason == "auto"
    assert report.closed_at == due
    assert not Clock.objects.filter(report=report, stopped_at__isnull=True).exists()
    assert set(report.assignments.values_list("state", flat=True)) == {AssignmentState.DONE}
    event = AuditEvent.objects.get(report=report, action="close")
    assert event.actor is None and event.actor_label == "Sistem"
    assert event.visibility == Visibility.PUBLIC
    assert "10 hari kerja" in event.reason
    assert _told(demo, "warga", "close") == 1
    assert _told(demo, "kapuas.pupr.penghubung", "close") == 1
    assert _told(demo, "kapuas.pupr.admin", "close") == 1


def test_the_sweep_and_the_coordinator_close_a_report_the_same_way(demo: Demo) -> None:
    by_sweep = followed_up(demo, KAPUAS, START)
    by_hand = followed_up(demo, KAPUAS, START)
    due = clock(by_sweep, Step.AUTO_CLOSE).due_at
    assert due is not None
    actions.close_report(by_hand, actor=Actor(is_system=True), now=due)
    sweep(due)

    def shape(report_id: int) -> dict[str, Any]:
        r = reload(by_sweep) if report_id == by_sweep.pk else reload(by_hand)
        return {
            "status": r.status,
            "closed_at": r.closed_at,
            "close_reason": r.close_reason,
            "open_clocks": Clock.objects.filter(report=r, stopped_at__isnull=True).count(),
            "met": sorted(
                str(m) for m in Clock.objects.filter(report=r).values_list("met", flat=True)
            ),
            "assignments": sorted(r.assignments.values_list("state", flat=True)),
            "events": list(
                AuditEvent.objects.filter(report=r, action="close").values_list(
                    "from_status", "to_status", "actor_label"
                )
            ),
            "told": sorted(
                OutboxMessage.objects.filter(report=r, event="close").values_list(
                    "recipient__username", "channel"
                )
            ),
        }

    assert shape(by_sweep.pk) == shape(by_hand.pk)


def test_the_liaison_is_reminded_before_the_deadline_then_told_it_passed(demo: Demo) -> None:
    report = disposed(demo, KAPUAS, START)
    acceptance = clock(report, Step.AGENCY_ACCEPTANCE)  # 3 WD in Kapuas
    assert acceptance.remind_at is not None and acceptance.due_at is not None
    # The morning of the last of its 3 working days: Tuesday 17 March.
    assert acceptance.remind_at.astimezone(WIB) == datetime(2026, 3, 17, 8, 0, tzinfo=WIB)

    sweep(acceptance.remind_at - timedelta(seconds=1))
    assert _told(demo, "kapuas.pupr.penghubung", "remind") == 0
    sweep(acceptance.remind_at)
    assert _told(demo, "kapuas.pupr.penghubung", "remind") == 1
    sweep(acceptance.remind_at + timedelta(hours=1))
    assert _told(demo, "kapuas.pupr.penghubung", "remind") == 1

    sweep(acceptance.due_at)
    assert _told(demo, "kapuas.pupr.penghubung", "mark_overdue") == 1
    # The Pemda's coordinator watches agencies' clocks (seed 003 SOP 1).
    assert _told(demo, "kapuas.koordinator", "mark_overdue") == 1
    assert reload(report).status == Status.DISPOSED


def test_a_sweep_catching_up_sends_no_stale_reminders(demo: Demo) -> None:
    report = submitted(demo, KAPUAS, START)
    verification = clock(report, Step.VERIFICATION)
    assert verification.due_at is not None
    sweep(verification.due_at + timedelta(days=3))
    assert _told(demo, "kapuas.koordinator", "remind") == 0
    assert _told(demo, "kapuas.koordinator", "mark_overdue") == 1
    assert Clock.objects.get(pk=verification.pk).reminded_at is not None


def test_minute_steps_get_no_reminder_only_the_overdue_notice(demo: Demo) -> None:
    report = submitted(demo, BANGKALAN, START)
    coordinator = Actor(user=demo.users["bangkalan.koordinator"])
    actions.verify_report(report, actor=coordinator, now=START)
    disposition = clock(report, Step.DISPOSITION)  # seed 004: dispose in 5 minutes
    assert disposition.remind_at is None
    assert disposition.due_at == START + timedelta(minutes=5)
    sweep(disposition.due_at)
    assert _told(demo, "bangkalan.koordinator", "mark_overdue") == 1


def test_a_paused_clock_does_not_run_out(demo: Demo) -> None:
    report = disposed(demo, KAPUAS, START)
    u = demo.users
    actions.accept_disposition(report, actor=Actor(user=u["kapuas.pupr.penghubung"]), now=START)
    intervention = clock(report, Step.INTERVENTION_PEMDA)
    assert intervention.due_at is not None
    actions.request_clarification(
        report, actor=Actor(user=u["kapuas.pupr.penghubung"]), question="Nomor rumah?", now=START
    )
    sweep(intervention.due_at + timedelta(days=1))
    assert not AuditEvent.objects.filter(report=report, action="intervene_pemda").exists()

    answered = intervention.due_at + timedelta(days=1)
    actions.clarify(report, actor=Actor(user=u["warga"]), answer="Nomor 12.", now=answered)
    resumed = Clock.objects.get(pk=intervention.pk)
    assert resumed.due_at is not None and resumed.due_at > answered
    sweep(resumed.due_at)
    assert AuditEvent.objects.filter(report=report, action="intervene_pemda").count() == 1


def test_ombudsman_forward_tells_the_reporter_and_the_pemda(demo: Demo) -> None:
    report = disposed(demo, KAPUAS, START)
    due = clock(report, Step.OMBUDSMAN).due_at
    result = sweep(due)
    # The interventions' deadlines passed long before: each acted first, once.
    assert result.actions["intervene_pemda"] == 1
    assert result.actions["intervene_national"] == 1
    assert result.actions["forward_ombudsman"] == 1
    report = reload(report)
    assert report.status == Status.OMBUDSMAN
    assert report.forwarded_to == "Ombudsman RI"
    assert _told(demo, "warga", "forward_ombudsman") == 1
    assert _told(demo, "kapuas.koordinator", "forward_ombudsman") == 1
    assert _told(demo, "nasional", "intervene_national") == 1


def test_a_report_acted_on_by_a_person_first_is_left_alone(demo: Demo) -> None:
    report = followed_up(demo, KAPUAS, START)
    due = clock(report, Step.AUTO_CLOSE).due_at
    assert due is not None
    actions.reply_satisfied(report, actor=Actor(user=demo.users["warga"]), now=due)
    result = sweep(due + timedelta(seconds=1))
    assert result.actions["close"] == 0
    assert reload(report).close_reason == "satisfied"


def test_query_count_does_not_grow_with_the_number_of_reports(demo: Demo) -> None:
    few = [followed_up(demo, KAPUAS, START) for _ in range(2)]
    due = clock(few[0], Step.AUTO_CLOSE).due_at
    assert due is not None
    with CaptureQueriesContext(connection) as small:
        assert sweep(due).actions["close"] == 2
    many = [followed_up(demo, KAPUAS, START + timedelta(days=30)) for _ in range(8)]
    later = clock(many[0], Step.AUTO_CLOSE).due_at
    assert later is not None
    with CaptureQueriesContext(connection) as large:
        assert sweep(later).actions["close"] == 8
    assert len(large) <= len(small) + 2


def test_one_failing_report_does_not_stop_the_others(
    demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = followed_up(demo, KAPUAS, START)
    bad = followed_up(demo, KAPUAS, START)
    due = clock(good, Step.AUTO_CLOSE).due_at
    original = rules.item_for

    def failing(rule: rules.Rule, c: Clock, now: datetime, calendars: Any) -> Any:
        if c.report_id == bad.pk:
            raise RuntimeError("broken")
        return original(rule, c, now, calendars)

    monkeypatch.setattr("tuntas.reports.sweep.run.item_for", failing)
    result = sweep(due)
    assert reload(good).status == Status.CLOSED
    assert reload(bad).status == Status.FOLLOWED_UP
    assert result.failed_clocks == 1
    monkeypatch.undo()
    sweep(due)
    assert reload(bad).status == Status.CLOSED


def test_the_command_sweeps_as_of_a_moment(demo: Demo) -> None:
    report = followed_up(demo, KAPUAS, START)
    out = StringIO()
    call_command("sweep_clocks", "--as-of", "2026-04-03T00:00", stdout=out, stderr=StringIO())
    assert reload(report).status == Status.CLOSED
    assert "close=1" in out.getvalue()
    assert "2026-04-03T00:00:00+07:00" in out.getvalue()


@pytest.mark.parametrize("bad", ["besok", "2026-13-01", ""])
def test_the_command_refuses_a_moment_it_cannot_read(demo: Demo, bad: str) -> None:
    report = followed_up(demo, KAPUAS, START)
    with pytest.raises(CommandError):
        call_command("sweep_clocks", "--as-of", bad, stdout=StringIO())
    assert reload(report).status == Status.FOLLOWED_UP
