"""The facts follow the reports: changed reports are picked up, nothing else is touched."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.core.management import call_command
from django.utils import timezone

from tests.conftest import client_for
from tests.kpi.conftest import PERIOD
from tests.reports.helpers import report_input
from tuntas.demo.builder import Demo
from tuntas.kpi.facts import refresh_changed, refresh_stale, stale_report_ids
from tuntas.kpi.models import ClockFact, RefreshState, ReportFact
from tuntas.kpi.tasks import refresh_kpi_facts
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report

At = Callable[..., datetime]


def _close_r2(demo: Demo, r2: Report, at: At) -> None:
    u = demo.users
    actions.submit_draft(
        r2,
        actor=Actor(user=u["kapuas.pupr.staf"]),
        body="Jalan sudah diaspal ulang seluruhnya.",
        now=at(2026, 11, 23, 9),
    )
    actions.approve_draft(r2, actor=Actor(user=u["kapuas.pupr.kadis"]), now=at(2026, 11, 23, 10))
    actions.publish_followup(r2, actor=Actor(user=u["kapuas.pupr.admin"]), now=at(2026, 11, 23, 11))
    actions.reply_satisfied(r2, actor=Actor(user=u["warga"]), rating=4, now=at(2026, 11, 24, 9))


def test_a_changed_report_is_picked_up(demo: Demo, world: dict[str, Report], at: At) -> None:
    assert list(stale_report_ids()) == []
    r2 = world["r2"]
    before = ReportFact.objects.get(report=r2)
    assert (before.wd_close, before.satisfied) == (None, False)
    _close_r2(demo, r2, at)
    assert list(stale_report_ids()) == [r2.pk]
    untouched = ReportFact.objects.get(report=world["r1"]).refreshed_at
    result = refresh_changed(since=at(2026, 11, 21), now=at(2026, 11, 25))
    assert result.reports == 1
    after = ReportFact.objects.get(report=r2)
    # 6 Oct -> 24 Nov 2026: 7 weeks of 5 days from 7 Oct to 24 Nov, no holidays = 35.
    assert (after.wd_close, after.satisfied, after.status) == (35, True, "closed")
    assert ReportFact.objects.get(report=world["r1"]).refreshed_at == untouched
    board = client_for(demo.users["kapuas.koordinator"]).get("/petugas/kinerja/", PERIOD)
    assert board.context["board"].summary.satisfied == 3


def test_the_beat_task_uses_the_last_run_as_watermark(demo: Demo, world: dict[str, Report]) -> None:
    state = RefreshState.objects.get(pk=1)
    assert state.watermark is not None
    # A report filed just now (real time), after the last run.
    report = actions.submit_report(
        report_input(demo), actor=Actor.reporter(demo.users["warga"])
    ).report
    assert not ReportFact.objects.filter(report=report).exists()
    assert refresh_kpi_facts() == 1
    assert ReportFact.objects.filter(report=report).exists()
    assert refresh_kpi_facts() == 1  # still inside the margin: read again, harmless
    RefreshState.objects.filter(pk=1).update(watermark=timezone.now() + timedelta(minutes=10))
    assert refresh_kpi_facts() == 0


def test_escalation_without_status_change_is_stale(demo: Demo, world: dict[str, Report]) -> None:
    r1 = world["r1"]
    # What the sweep's intervention does to a report (a bulk update, no status change).
    Report.objects.filter(pk=r1.pk).update(escalation="pemda")
    assert list(stale_report_ids()) == [r1.pk]
    assert refresh_stale().reports == 1
    assert ReportFact.objects.get(report=r1).escalated is True


def test_command_rebuilds_everything(demo: Demo, world: dict[str, Report]) -> None:
    ReportFact.objects.filter(report=world["r1"]).update(followed_up=False)
    ClockFact.objects.all().delete()
    call_command("refresh_kpi", "--all", verbosity=0)
    assert ReportFact.objects.get(report=world["r1"]).followed_up is True
    assert ReportFact.objects.count() == Report.objects.count()
    assert ClockFact.objects.exists()


def test_new_reports_without_facts_are_stale(demo: Demo, world: dict[str, Report], at: At) -> None:
    report = actions.submit_report(
        report_input(demo), actor=Actor.reporter(demo.users["warga"]), now=at(2026, 11, 2, 9)
    ).report
    assert list(stale_report_ids()) == [report.pk]
    call_command("refresh_kpi", "--stale", verbosity=0)
    assert list(stale_report_ids()) == []
