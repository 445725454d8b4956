"""Start, pause, resume and stop a report's clocks, as each action requires.

Each action's declaration says what happens to which clock (``Effects``); deadline
maths is delegated to the pure working-day engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.db.models import BooleanField, Case, Q, Value, When

from tuntas.organisations.models import Organisation
from tuntas.reports.declarations import Effects, declaration
from tuntas.reports.models import Clock, Report
from tuntas.reports.next_due import refresh_next_due, refresh_next_due_ids
from tuntas.reports.transitions import Action, DeclaredView
from tuntas.standards.models import CountedFrom, Step, Unit
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
# The escalation clocks an answer ends: the Ombudsman rule (60 working days) holds until a
# satisfactory answer or a close (seed 001 step 7), so an answer only pauses it.
AGENCY_DEADLINES = (Step.FOLLOWUP, Step.INTERVENTION_PEMDA, Step.INTERVENTION_NATIONAL)
ALL = tuple(Step)


# What each action does to the clocks is declared with the action
# (``Declaration.effects``); this is a view of all of them.
EFFECTS: Mapping[Action, Effects] = DeclaredView(lambda d: d.effects)


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


def received_at(report: Report) -> datetime:
    """When the report reached the desk now handling it: the start of its latest
    verification clock (a report routed to another Pemda arrives there anew), else its
    creation (reports typed in by staff skip verification)."""
    started = (
        Clock.objects.filter(report=report, step=Step.VERIFICATION)
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    return started or report.created_at


def start_clock(report: Report, step: Step, now: datetime) -> Clock | None:
    if _open(report, step) is not None:
        return None
    org = responsible_org(report, step)
    limit = limit_for(step, org, report.classification)
    if limit is None:
        return None
    cal = calendar_for(org) if org is not None else None
    # Most limits count from the step's start; some from the report's receipt (seed 002:
    # the Admin Kabupaten's 2 days to check and pass the report on).
    counted = received_at(report) if limit.counted_from == CountedFrom.RECEIVED else now
    counted = min(counted, now)
    due = deadline(cal, counted, limit.amount, limit.unit) if cal else None
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
    refresh_next_due_ids(report_ids)


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
    effects = declaration(action).effects
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
    refresh_next_due(report)
