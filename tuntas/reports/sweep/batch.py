"""The system's actions on many reports at once.

The sweep takes the same actions the table allows the system (close, archive, forward to
Ombudsman, and the notices that leave the status unchanged), with the same audit events,
clock effects and notifications as the one-report action functions, but with a handful
of queries per batch instead of a couple of dozen per report. It is the only other writer
of ``Report.status``, and it asks the transition table for every report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tuntas.audit.models import Visibility
from tuntas.audit.services import SystemEvent, record_events
from tuntas.reports.clocks import EFFECTS, stop_clocks
from tuntas.reports.hooks import ChangeBatch, ChangeContext
from tuntas.reports.models import Assignment, AssignmentState, Escalation, Report, Status
from tuntas.reports.transitions import (
    SYSTEM,
    TABLE,
    Action,
    TransitionNotAllowed,
    transition_for,
)


@dataclass
class Item:
    """One report the system acts on, with what to record and set."""

    report: Report
    reason: str
    data: dict[str, Any] = field(default_factory=dict)
    updates: dict[str, Any] = field(default_factory=dict)
    concerned: ChangeContext = field(default_factory=ChangeContext)


Hook = Callable[[list[Report], datetime], None]


def _finish_assignments(reports: list[Report], now: datetime) -> None:
    Assignment.objects.filter(
        report_id__in=[r.pk for r in reports], state=AssignmentState.ACCEPTED
    ).update(state=AssignmentState.DONE, closed_at=now)


# What an action does besides status, audit, clocks and notifications (as its
# one-report function does).
AFTER: dict[Action, Hook] = {Action.CLOSE: _finish_assignments}

# Interventions raise the report's escalation, never lower it.
ESCALATES: dict[Action, Escalation] = {
    Action.INTERVENE_PEMDA: Escalation.PEMDA,
    Action.INTERVENE_NATIONAL: Escalation.NATIONAL,
}
LEVEL = {Escalation.NONE: 0, Escalation.PEMDA: 1, Escalation.NATIONAL: 2}


def _escalation(action: Action, report: Report) -> dict[str, Any]:
    target = ESCALATES.get(action)
    if target is None or LEVEL[Escalation(report.escalation)] >= LEVEL[target]:
        return {}
    return {"escalation": target}


def act_as_system(
    action: Action,
    items: list[Item],
    *,
    now: datetime,
    visibility: Visibility,
    changes: ChangeBatch,
) -> list[Report]:
    """Apply ``action`` to every report the table allows it on; returns those acted on.

    The caller holds the reports' row locks and the transaction; each change is published
    to ``changes`` (the after-change hook), which the caller flushes once per batch.
    Reports whose status no longer allows the action are skipped, unchanged.
    """
    effects = EFFECTS[action]
    if effects.pause or effects.resume or effects.start or effects.restart:
        raise ValueError(f"{action} starts or pauses clocks; the sweep cannot batch it")
    if SYSTEM not in TABLE[action].actors:
        raise ValueError(f"{action} is not a system action")
    done: list[Item] = []
    events: list[SystemEvent] = []
    # Reports that get the same values are updated with one statement.
    updates: dict[tuple[tuple[str, Any], ...], list[int]] = defaultdict(list)
    for item in items:
        report = item.report
        try:
            row = transition_for(action, report.status)
        except TransitionNotAllowed:
            continue
        previous = report.status
        target = row.target_for(Status(report.status))
        values = {**item.updates, **_escalation(action, report)}
        if target != previous:
            values |= {"status": target, "status_changed_at": now}
        for name, value in values.items():
            setattr(report, name, value)
        if values:
            updates[tuple(sorted(values.items()))].append(report.pk)
        events.append(
            SystemEvent(
                action=action,
                report_id=report.pk,
                from_status=str(previous),
                to_status=str(target),
                reason=item.reason,
                visibility=visibility,
                data={"capacity": SYSTEM, **item.data},
            )
        )
        done.append(item)
    if not done:
        return []
    reports = [item.report for item in done]
    for values_key, ids in updates.items():
        Report.objects.filter(pk__in=ids).update(**dict(values_key))
    record_events(events, now=now)
    if effects.stop:
        stop_clocks([r.pk for r in reports], effects.stop, now)
    if action in AFTER:
        AFTER[action](reports, now)
    for item in done:
        changes.publish(
            item.report,
            action,
            actor=None,
            now=now,
            reason=item.reason,
            reporter_reason=item.reason,
            visibility=visibility,
            context=item.concerned,
        )
    return reports
