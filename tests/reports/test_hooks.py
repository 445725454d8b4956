"""The after-change hook: one ``ReportChange`` per change, one flush per batch."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.reports.helpers import make_report
from tests.reports.sweep.seeds import SEEDS, clock, followed_up
from tuntas.audit.models import Visibility
from tuntas.core.errors import PermissionDenied
from tuntas.demo.builder import Demo
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.hooks import (
    ChangeBatch,
    ChangeContext,
    ReportChange,
    subscribe,
    subscriber_names,
    unsubscribe,
)
from tuntas.reports.models import Report, Status
from tuntas.reports.sweep import sweep
from tuntas.reports.transitions import Action
from tuntas.standards.models import Step

START = datetime(2026, 3, 12, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
KAPUAS = next(s for s in SEEDS if s.name == "003")


@dataclass
class Recorded:
    batches: list[list[ReportChange]] = field(default_factory=list)
    flushes: int = 0

    @property
    def changes(self) -> list[ReportChange]:
        return [change for batch in self.batches for change in batch]

    def clear(self) -> None:
        self.batches.clear()
        self.flushes = 0


@pytest.fixture
def recorded() -> Iterator[Recorded]:
    log = Recorded()

    class Listener:
        def __init__(self, batch: ChangeBatch):
            self.changes: list[ReportChange] = []
            log.batches.append(self.changes)

        def changed(self, change: ReportChange) -> None:
            self.changes.append(change)

        def flush(self) -> None:
            log.flushes += 1

    subscribe("test-recorder", Listener)
    yield log
    unsubscribe("test-recorder")


def test_the_apps_subscribe_people_first_then_webhooks_then_federation() -> None:
    assert subscriber_names()[:3] == ("notify", "webhooks", "federation")


def test_an_action_publishes_its_change_once_with_what_it_knows(
    demo: Demo, recorded: Recorded
) -> None:
    report = make_report(demo, Status.VERIFIED)
    recorded.clear()
    pupr = demo.orgs["kapuas-pupr"]
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        agencies=[pupr],
        lead=pupr,
        instructions="Cek lokasi minggu ini.",
    )
    [[change]] = recorded.batches
    assert recorded.flushes == 1
    assert (change.action, change.report.pk, change.actor) == (
        Action.DISPOSE,
        report.pk,
        demo.users["kapuas.koordinator"],
    )
    assert change.context.agency_ids == (pupr.pk,)
    assert change.reason == "Cek lokasi minggu ini."
    assert change.reporter_reason == ""  # a staff instruction never reaches the reporter
    assert change.visibility == Visibility.PUBLIC
    assert change.key == f"{report.pk}:dispose::{change.now.isoformat()}"


def test_a_sweep_batch_is_one_batch_of_changes_flushed_once(demo: Demo, recorded: Recorded) -> None:
    reports = [followed_up(demo, KAPUAS, START) for _ in range(3)]
    due = clock(reports[0], Step.AUTO_CLOSE).due_at
    assert due is not None
    recorded.clear()

    assert sweep(due).actions["close"] == 3

    assert len(recorded.batches) == 1 and recorded.flushes == 1
    assert sorted(c.report.pk for c in recorded.changes) == sorted(r.pk for r in reports)
    assert {(c.action, c.actor, c.batch) for c in recorded.changes} == {
        (Action.CLOSE, None, recorded.changes[0].batch)
    }


def test_a_refused_action_publishes_nothing(demo: Demo, recorded: Recorded) -> None:
    report = make_report(demo, Status.SUBMITTED)
    recorded.clear()
    with pytest.raises(PermissionDenied):
        actions.verify_report(report, actor=Actor(user=demo.users["kapuas.pupr.staf"]))
    assert recorded.changes == [] and recorded.flushes == 0


def test_a_batch_left_by_an_error_flushes_nothing(demo: Demo, recorded: Recorded) -> None:
    report = make_report(demo, Status.SUBMITTED)
    recorded.clear()
    with pytest.raises(RuntimeError), ChangeBatch(START) as batch:
        batch.publish(
            report,
            Action.REMIND,
            actor=None,
            now=START,
            reason="",
            reporter_reason="",
            visibility=Visibility.STAFF,
            context=ChangeContext(step=Step.VERIFICATION),
        )
        raise RuntimeError("the action failed after publishing")
    assert len(recorded.changes) == 1 and recorded.flushes == 0


def test_the_context_is_typed_and_unknown_keys_are_refused() -> None:
    context = ChangeContext(agency_ids=(3,), division_id=7, step=Step.VERIFICATION)
    assert (context.agency_ids, context.division_id, context.step) == ((3,), 7, "verification")
    assert ChangeContext() == ChangeContext(agency_ids=(), division_id=None, authors=())
    with pytest.raises(TypeError, match="agency"):
        ChangeContext(agency=3)  # type: ignore[call-arg]


def test_a_notice_key_names_its_step() -> None:
    later = START + timedelta(days=1)
    change = ReportChange(
        report=Report(pk=41),
        action=Action.REMIND,
        actor=None,
        now=later,
        reason="",
        reporter_reason="",
        visibility=Visibility.STAFF,
        context=ChangeContext(step=Step.DRAFTING),
        batch=ChangeBatch(later),
    )
    assert change.key == f"41:remind:drafting:{later.isoformat()}"
