"""The nearest deadline stored on the report follows its clocks through each action."""

from __future__ import annotations

from tests.reports.test_clocks import _accepted_kapuas, at, submit
from tuntas.demo.builder import Demo
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Clock, Report


def assert_stored_matches_clocks(report: Report) -> None:
    stored = Report.objects.get(pk=report.pk)
    nearest = (
        Clock.objects.filter(
            report=report, stopped_at__isnull=True, paused_at__isnull=True, due_at__isnull=False
        )
        .order_by("due_at", "id")
        .first()
    )
    assert stored.next_due_at == (nearest.due_at if nearest else None)
    assert stored.next_due_step == (nearest.step if nearest else "")


def test_hold_and_completion_pause_and_resume_the_stored_deadline(demo: Demo) -> None:
    u = demo.users
    report = submit(demo, "kapuas", at(2026, 3, 13, 10))
    assert_stored_matches_clocks(report)
    assert Report.objects.get(pk=report.pk).next_due_at is not None
    actions.hold_report(
        report, actor=Actor(user=u["kapuas.koordinator"]), missing="Foto", now=at(2026, 3, 16, 9)
    )
    assert_stored_matches_clocks(report)
    actions.complete_report(
        report, actor=Actor(user=u["warga"]), details="Foto terlampir", now=at(2026, 4, 1, 11)
    )
    assert_stored_matches_clocks(report)
    actions.verify_report(report, actor=Actor(user=u["kapuas.koordinator"]), now=at(2026, 4, 6, 15))
    assert_stored_matches_clocks(report)
    assert Report.objects.get(pk=report.pk).next_due_step == "disposition"


def test_clarification_and_answer_keep_the_stored_deadline_right(demo: Demo) -> None:
    u = demo.users
    report = _accepted_kapuas(demo, at(2026, 4, 7, 9))
    assert_stored_matches_clocks(report)
    actions.request_clarification(
        report, actor=Actor(user=u["kapuas.pupr.staf"]), question="Nomor?", now=at(2026, 4, 9, 10)
    )
    assert_stored_matches_clocks(report)
    actions.clarify(report, actor=Actor(user=u["warga"]), answer="Nomor 12", now=at(2026, 4, 14, 8))
    assert_stored_matches_clocks(report)
