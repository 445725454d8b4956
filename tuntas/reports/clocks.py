"""Start, pause, resume and stop a report's clocks, as each action requires.

``EFFECTS`` says, per action, what happens to which clock. Deadline maths is
delegated to the pure working-day engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import BooleanField, Case, Q, Value, When

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
    start_of_last_working_days,
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
# Steps someone owes: they get a reminder before the deadline and a notice after it.
# The other steps (interventions, Ombudsman, auto-close) are consequences the sweep acts on.
OWED_STEPS = frozenset(
    {
        Step.VERIFICATION,
        Step.COMPLETION,
        Step.DISPOSITION,
        Step.AGENCY_ACCEPTANCE,
        Step.INTERNAL_DISPOSITION,
        Step.DRAFTING,
        Step.CLARIFICATION,
        Step.APPROVAL,
        Step.PUBLICATION,
        Step.FOLLOWUP,
        Step.REPORTER_REPLY,
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
    A.FORWARD_TO_PEER: Effects(stop=ALL),
    A.RECEIVE_FORWARDED: Effects(start=(Step.VERIFICATION,)),
    A.RECORD_PEER_ANSWER: Effects(),
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
    A.REPORTER_MESSAGE: Effects(),
    A.REMIND: Effects(),
    A.MARK_OVERDUE: Effects(),
    A.INTERVENE_PEMDA: Effects(),
    A.INTERVENE_NATIONAL: Effects(),
}


def deadline(cal: WorkCalendar, start: datetime, amount: int, unit: Unit | str) -> datetime:
    if unit == Unit.WORKING_DAYS:
        return add_working_days(cal, start, amount)
    if unit == Unit.WORKING_MINUTES:
        return add_working_minutes(cal, start, amount)
    return start + timedelta(days=amount)


def reminder_moment(
    cal: WorkCalendar,
    step: Step | str,
    started: datetime,
    due: datetime,
    unit: Unit | str,
    days_before: int,
) -> datetime | None:
    """When to remind whoever owes ``step``; None for no reminder.

    Working-day steps: the start of working hours ``days_before`` working days before
    the deadline; calendar-day steps: ``days_before`` days before it; minute steps
    (5 minutes, 30-60 minutes) get no reminder, only the overdue notice.
    """
    if step not in OWED_STEPS or days_before < 1 or unit == Unit.WORKING_MINUTES:
        return None
    if unit == Unit.WORKING_DAYS:
        moment = start_of_last_working_days(cal, due, days_before)
    else:
        moment = due - timedelta(days=days_before)
    return moment if moment > started else None


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
    remind = (
        reminder_moment(cal, step, now, due, limit.unit, limit.standard.reminder_days)
        if cal is not None and due is not None
        else None
    )
    return Clock.objects.create(
        report=report,
        step=step,
        organisation=org,
        amount=limit.amount,
        unit=limit.unit,
        started_at=now,
        due_at=due,
        remind_at=remind,
    )


def _met(now: datetime) -> Case:
    """Whether a clock stopped at ``now`` was met: a paused clock if time was left when
    it paused, a running one if ``now`` is not past its deadline (or it has none)."""
    return Case(
        When(paused_at__isnull=False, then=Q(remaining__gt=0)),
        When(due_at__isnull=True, then=Value(True)),
        default=Q(due_at__gte=now),
        output_field=BooleanField(),
    )


def stop_clock(report: Report, step: Step, now: datetime) -> None:
    stop_clocks([report.pk], (step,), now)


def stop_clocks(report_ids: list[int], steps: tuple[Step, ...], now: datetime) -> None:
    """Stop the open clocks of ``steps`` on many reports at once (one query)."""
    Clock.objects.filter(report_id__in=report_ids, step__in=steps, stopped_at__isnull=True).update(
        stopped_at=now, met=_met(now)
    )


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
    clock.remind_at = None
    clock.save(update_fields=["remaining", "paused_at", "due_at", "remind_at"])


def resume_clock(report: Report, step: Step, now: datetime) -> None:
    clock = _open(report, step)
    if clock is None or clock.paused_at is None:
        return
    cal = calendar_for(clock.organisation) if clock.organisation else None
    if cal is None:
        return
    clock.due_at = deadline(cal, now, clock.remaining or 0, clock.unit)
    clock.paused_at = None
    if clock.reminded_at is None:
        limit = limit_for(Step(clock.step), clock.organisation, report.classification)
        days = limit.standard.reminder_days if limit is not None else 0
        clock.remind_at = reminder_moment(cal, clock.step, now, clock.due_at, clock.unit, days)
    clock.save(update_fields=["due_at", "paused_at", "remind_at"])


def apply_effects(report: Report, action: Action, now: datetime) -> None:
    effects = EFFECTS[action]
    pausable = set(effects.pause)
    if action == Action.REQUEST_CLARIFICATION and not pause_on_clarification(report.lead_agency):
        pausable = set()
    if effects.stop:
        stop_clocks([report.pk], effects.stop, now)
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
