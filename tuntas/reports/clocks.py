"""Start, pause, resume and stop a report's clocks, as each action requires.

``EFFECTS`` says, per action, what happens to which clock. Deadline maths is
delegated to the pure working-day engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tuntas.organisations.models import Organisation
from tuntas.reports.models import Clock, Report
from tuntas.reports.transitions import Action
from tuntas.standards.models import Step, Unit
from tuntas.standards.resolve import limit_for, pause_on_clarification
from tuntas.workdays.calendars import calendar_for
from tuntas.workdays.engine import (
    WorkCalendar,
    add_working_days,
    add_working_minutes,
    working_days_between,
    working_minutes_between,
)

AGENCY_STEPS = frozenset(
    {
        Step.AGENCY_ACCEPTANCE,
        Step.INTERNAL_DISPOSITION,
        Step.DRAFTING,
        Step.CLARIFICATION,
        Step.APPROVAL,
        Step.PUBLICATION,
        Step.FOLLOWUP,
        Step.OMBUDSMAN,
        Step.INTERVENTION_PEMDA,
        Step.INTERVENTION_NATIONAL,
        Step.REPORTER_REPLY,
        Step.AUTO_CLOSE,
    }
)
ESCALATION = (Step.FOLLOWUP, Step.INTERVENTION_PEMDA, Step.INTERVENTION_NATIONAL, Step.OMBUDSMAN)
ALL = tuple(Step)


@dataclass(frozen=True)
class Effects:
    stop: tuple[Step, ...] = ()
    pause: tuple[Step, ...] = ()
    resume: tuple[Step, ...] = ()
    start: tuple[Step, ...] = ()
    restart: tuple[Step, ...] = field(default=())  # stop if open, then start anew


A = Action
EFFECTS: dict[Action, Effects] = {
    A.SUBMIT: Effects(start=(Step.VERIFICATION,)),
    A.INTAKE: Effects(start=(Step.DISPOSITION,)),
    A.INTAKE_FOR_AGENCY: Effects(start=(Step.INTERNAL_DISPOSITION, *ESCALATION)),
    A.INTAKE_SOLVED: Effects(start=(Step.REPORTER_REPLY, Step.AUTO_CLOSE)),
    A.VERIFY: Effects(stop=(Step.VERIFICATION,), start=(Step.DISPOSITION,)),
    A.HOLD: Effects(pause=(Step.VERIFICATION,), start=(Step.COMPLETION,)),
    A.COMPLETE: Effects(stop=(Step.COMPLETION,), resume=(Step.VERIFICATION,)),
    A.NOT_IN_AUTHORITY: Effects(stop=ALL),
    A.ROUTE_TO_PEMDA: Effects(restart=(Step.VERIFICATION,)),
    A.FORWARD_EXTERNAL: Effects(stop=ALL),
    A.ARCHIVE: Effects(stop=ALL),
    A.DISPOSE: Effects(stop=(Step.DISPOSITION,), start=(Step.AGENCY_ACCEPTANCE, *ESCALATION)),
    A.ACCEPT: Effects(stop=(Step.AGENCY_ACCEPTANCE,), start=(Step.INTERNAL_DISPOSITION,)),
    A.ACCEPT_SUPPORT: Effects(),
    A.RETURN_DISPOSITION: Effects(
        stop=(Step.AGENCY_ACCEPTANCE, *ESCALATION), start=(Step.DISPOSITION,)
    ),
    A.TRANSFER: Effects(
        stop=(Step.INTERNAL_DISPOSITION, Step.DRAFTING),
        restart=(Step.AGENCY_ACCEPTANCE,),
        start=ESCALATION,
    ),
    A.DISPOSE_INTERNALLY: Effects(stop=(Step.INTERNAL_DISPOSITION,), restart=(Step.DRAFTING,)),
    A.REQUEST_CLARIFICATION: Effects(
        pause=(Step.INTERNAL_DISPOSITION, Step.DRAFTING, *ESCALATION),
        start=(Step.CLARIFICATION,),
    ),
    A.CLARIFY: Effects(
        stop=(Step.CLARIFICATION,),
        resume=(Step.INTERNAL_DISPOSITION, Step.DRAFTING, *ESCALATION),
    ),
    A.RECORD_FIELD_CHECK: Effects(),
    A.SUBMIT_DRAFT: Effects(
        stop=(Step.INTERNAL_DISPOSITION, Step.DRAFTING), start=(Step.APPROVAL,)
    ),
    A.APPROVE_DRAFT: Effects(stop=(Step.APPROVAL,), start=(Step.PUBLICATION,)),
    A.RETURN_DRAFT: Effects(stop=(Step.APPROVAL,), restart=(Step.DRAFTING,)),
    A.PUBLISH_FOLLOWUP: Effects(
        stop=(Step.PUBLICATION, *ESCALATION),
        restart=(Step.REPORTER_REPLY, Step.AUTO_CLOSE),
    ),
    A.REPLY_SATISFIED: Effects(stop=ALL),
    A.REPLY_NOT_SATISFIED: Effects(
        stop=(Step.REPORTER_REPLY, Step.AUTO_CLOSE), restart=(Step.DRAFTING,)
    ),
    A.CLOSE: Effects(stop=ALL),
    A.REOPEN: Effects(start=(Step.INTERNAL_DISPOSITION,)),
    A.FORWARD_OMBUDSMAN: Effects(stop=ALL),
}


def deadline(cal: WorkCalendar, start: datetime, amount: int, unit: Unit | str) -> datetime:
    if unit == Unit.WORKING_DAYS:
        return add_working_days(cal, start, amount)
    if unit == Unit.WORKING_MINUTES:
        return add_working_minutes(cal, start, amount)
    return start + timedelta(days=amount)


def remaining(cal: WorkCalendar, now: datetime, due: datetime, unit: Unit | str) -> int:
    if unit == Unit.WORKING_DAYS:
        return max(working_days_between(cal, now, due), 0)
    if unit == Unit.WORKING_MINUTES:
        return max(working_minutes_between(cal, now, due), 0)
    return max((due - now).days, 0)


def responsible_org(report: Report, step: Step) -> Organisation | None:
    if step in AGENCY_STEPS and report.lead_agency is not None:
        return report.lead_agency
    return report.pemda


def _open(report: Report, step: Step) -> Clock | None:
    return Clock.objects.filter(report=report, step=step, stopped_at__isnull=True).first()


def start_clock(report: Report, step: Step, now: datetime) -> Clock | None:
    if _open(report, step) is not None:
        return None
    org = responsible_org(report, step)
    limit = limit_for(step, org, report.classification)
    if limit is None:
        return None
    cal = calendar_for(org) if org is not None else None
    due = deadline(cal, now, limit.amount, limit.unit) if cal else None
    return Clock.objects.create(
        report=report,
        step=step,
        organisation=org,
        amount=limit.amount,
        unit=limit.unit,
        started_at=now,
        due_at=due,
    )


def stop_clock(report: Report, step: Step, now: datetime) -> None:
    clock = _open(report, step)
    if clock is None:
        return
    clock.stopped_at = now
    if clock.paused_at is not None:
        clock.met = clock.remaining is not None and clock.remaining > 0
    else:
        clock.met = clock.due_at is None or now <= clock.due_at
    clock.save(update_fields=["stopped_at", "met"])


def pause_clock(report: Report, step: Step, now: datetime) -> None:
    clock = _open(report, step)
    if clock is None or clock.paused_at is not None or clock.due_at is None:
        return
    cal = calendar_for(clock.organisation) if clock.organisation else None
    if cal is None:
        return
    clock.remaining = remaining(cal, now, clock.due_at, clock.unit)
    clock.paused_at = now
    clock.due_at = None
    clock.save(update_fields=["remaining", "paused_at", "due_at"])


def resume_clock(report: Report, step: Step, now: datetime) -> None:
    clock = _open(report, step)
    if clock is None or clock.paused_at is None:
        return
    cal = calendar_for(clock.organisation) if clock.organisation else None
    if cal is None:
        return
    clock.due_at = deadline(cal, now, clock.remaining or 0, clock.unit)
    clock.paused_at = None
    clock.save(update_fields=["due_at", "paused_at"])


def apply_effects(report: Report, action: Action, now: datetime) -> None:
    effects = EFFECTS[action]
    pausable = set(effects.pause)
    if action == Action.REQUEST_CLARIFICATION and not pause_on_clarification(report.lead_agency):
        pausable = set()
    for step in effects.stop:
        stop_clock(report, step, now)
    for step in effects.pause:
        if step in pausable:
            pause_clock(report, step, now)
    for step in effects.resume:
        resume_clock(report, step, now)
    for step in effects.restart:
        stop_clock(report, step, now)
        start_clock(report, step, now)
    for step in effects.start:
        start_clock(report, step, now)
