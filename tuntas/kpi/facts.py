"""Keep the KPI facts up to date: which reports changed, and their figures.

``refresh_changed`` picks the reports whose fact is missing or out of date (status
changed, escalation raised, lead agency changed since the fact was computed) and
recomputes them in batches; ``refresh_all`` recomputes every report. Both count working
days with the engine's calendars (one ``Calendars`` cache and one :class:`DayCounter` per
calendar for the whole run), so the figures agree with the clocks.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import CharField, F, Q, QuerySet
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from tuntas.audit.models import AuditEvent
from tuntas.core.bulk import insert_values
from tuntas.kpi import rollups
from tuntas.kpi.models import ClockFact, RefreshState, ReportFact
from tuntas.kpi.workdays import DayCounter
from tuntas.organisations.models import Organisation
from tuntas.reports.models import Clock, Feedback, Report, Status
from tuntas.standards.models import Step, Unit
from tuntas.workdays.calendars import Calendars
from tuntas.workdays.engine import WorkCalendar, working_minutes_between

BATCH_SIZE = 2000

#: Steps the organisation owes (not the reporter, not the system's consequences):
#: the ones measured against the service standard.
MEASURED_STEPS: tuple[str, ...] = (
    Step.VERIFICATION,
    Step.DISPOSITION,
    Step.AGENCY_ACCEPTANCE,
    Step.INTERNAL_DISPOSITION,
    Step.DRAFTING,
    Step.APPROVAL,
    Step.PUBLICATION,
    Step.FOLLOWUP,
)


@dataclass
class RefreshResult:
    reports: int
    seconds: float


class _Context:
    """Calendars and day counters shared by every batch of one run."""

    def __init__(self) -> None:
        self.calendars = Calendars()
        self.counters: dict[int, DayCounter] = {}
        self.by_org: dict[int | None, tuple[WorkCalendar, DayCounter]] = {}

    def counter(self, cal: WorkCalendar) -> DayCounter:
        key = id(cal)
        if key not in self.counters:
            self.counters[key] = DayCounter(cal)
        return self.counters[key]

    def org_calendar(self, org_id: int | None) -> tuple[WorkCalendar, DayCounter]:
        """The calendar an organisation works by (national without one), and its counter."""
        found = self.by_org.get(org_id)
        if found is None:
            org = (
                Organisation.objects.select_related("parent", "parent__parent").get(pk=org_id)
                if org_id is not None
                else None
            )
            cal = self.calendars.of(org)
            found = self.by_org[org_id] = (cal, self.counter(cal))
        return found

    def pemda_days(self, pemda_id: int | None) -> DayCounter:
        return self.org_calendar(pemda_id)[1]


def stale_report_ids() -> Iterator[int]:
    """Reports without a fact, then reports whose fact is out of date."""
    yield from Report.objects.filter(kpi_fact__isnull=True).values_list("pk", flat=True).iterator()
    outdated = (
        ReportFact.objects.annotate(
            now_lead=Coalesce("report__lead_agency_id", 0),
            was_lead=Coalesce("lead_agency_id", 0),
        )
        .filter(
            Q(report__status_changed_at__gt=F("source_changed_at"))
            | ~Q(report__status=F("status"))
            | ~Q(report__escalation=F("source_escalation"))
            | ~Q(now_lead=F("was_lead"))
        )
        .values_list("report_id", flat=True)
    )
    yield from outdated.iterator()


def _batches(ids: Iterable[int], size: int) -> Iterator[list[int]]:
    batch: list[int] = []
    for pk in ids:
        batch.append(pk)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


#: Audit events this much older than the last run are read again: an action that was
#: still in its transaction when the last run started is not missed.
WATERMARK_MARGIN = timedelta(minutes=5)


def changed_since(moment: datetime) -> list[int]:
    """Reports with an audit event since ``moment``: every change to a report (status,
    escalation, feedback, disposition...) writes one, in the same transaction."""
    return list(
        AuditEvent.objects.filter(created_at__gte=moment, report__isnull=False)
        .order_by()
        .values_list("report_id", flat=True)
        .distinct()
    )


def refresh_changed(
    *,
    now: datetime | None = None,
    since: datetime | None = None,
    batch_size: int = BATCH_SIZE,
) -> RefreshResult:
    """Bring the facts of changed reports up to date (the beat task, every minute).

    Changed = an audit event since the last run's start (less a margin), or since
    ``since``; before any run, every report whose fact is missing or out of date.
    """
    started = timezone.now()
    if since is None:
        state = RefreshState.objects.filter(pk=1).first()
        if state is not None and state.watermark is not None:
            since = state.watermark - WATERMARK_MARGIN
    ids = changed_since(since) if since is not None else list(stale_report_ids())
    return _refresh(ids, now=now, batch_size=batch_size, watermark=started)


def refresh_stale(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> RefreshResult:
    """The exact check: every report whose fact is missing or differs from the report
    (a full comparison, for the command; e.g. after reports were loaded in bulk)."""
    started = timezone.now()
    return _refresh(list(stale_report_ids()), now=now, batch_size=batch_size, watermark=started)


def refresh_all(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> RefreshResult:
    """Recompute every report's facts (after a calendar change, or to build them first)."""
    started = timezone.now()
    ids = Report.objects.order_by("pk").values_list("pk", flat=True).iterator(chunk_size=10000)
    return _refresh(ids, now=now, batch_size=batch_size, watermark=started, rebuild=True)


def refresh_reports(report_ids: Iterable[int], *, now: datetime | None = None) -> RefreshResult:
    return _refresh(report_ids, now=now, batch_size=BATCH_SIZE, watermark=None)


def _refresh(
    ids: Iterable[int],
    *,
    now: datetime | None,
    batch_size: int,
    watermark: datetime | None,
    rebuild: bool = False,
) -> RefreshResult:
    """Refresh the facts of ``ids`` batch by batch, with the roll-ups in step; with
    ``rebuild`` (or before the roll-ups were ever built) build the roll-ups afresh
    from all the facts at the end instead."""
    started = time.monotonic()
    now = now or timezone.now()
    state = RefreshState.objects.filter(pk=1).first()
    rebuild = rebuild or state is None or state.rollups_built_at is None
    context = _Context()
    total = 0
    for batch in _batches(ids, batch_size):
        _refresh_batch(batch, context, now, maintain_rollups=not rebuild)
        total += len(batch)
    values: dict[str, Any] = {"finished_at": now, "reports": total}
    if rebuild:
        with transaction.atomic():
            _lock_refresh()
            rollups.rebuild()
        values["rollups_built_at"] = now
    from tuntas.kpi.overdue import count_overdue  # it imports MEASURED_STEPS from here

    with transaction.atomic():
        count_overdue(now)
    values["seconds"] = time.monotonic() - started
    seconds = values["seconds"]
    if watermark is not None:
        values["watermark"] = watermark
    RefreshState.objects.update_or_create(pk=1, defaults=values)
    return RefreshResult(reports=total, seconds=seconds)


def last_refreshed_at() -> datetime | None:
    state = RefreshState.objects.filter(pk=1).first()
    return state.finished_at if state is not None else None


def rollups_ready() -> bool:
    """Whether the roll-ups were built (until then the figures come from the facts)."""
    return RefreshState.objects.filter(pk=1, rollups_built_at__isnull=False).exists()


REPORT_FIELDS = (
    "pk",
    "pemda_id",
    "lead_agency_id",
    "category_id",
    "classification_id",
    "channel_id",
    "status",
    "created_at",
    "status_changed_at",
    "verified_at",
    "first_disposed_at",
    "first_followup_at",
    "closed_at",
    "reopen_count",
    "escalation",
)
CLOCK_FIELDS = (
    "pk",
    "report_id",
    "organisation_id",
    "step",
    "unit",
    "amount",
    "started_at",
    "due_at",
    "paused_at",
    "remaining",
    "stopped_at",
    "met",
)
FACT_COLUMNS = (
    "report_id",
    "pemda_id",
    "lead_agency_id",
    "category_id",
    "classification_id",
    "channel_id",
    "status",
    "created_at",
    "created_date",
    "created_month",
    "wd_verify",
    "wd_dispose",
    "wd_first_answer",
    "wd_close",
    "needs_followup",
    "followed_up",
    "followed_up_within_limit",
    "escalated",
    "ombudsman",
    "satisfied",
    "closed_once",
    "reopened",
    "source_changed_at",
    "source_escalation",
    "refreshed_at",
)
CLOCK_FACT_COLUMNS = (
    "clock_id",
    "fact_id",
    "organisation_id",
    "step",
    "unit",
    "amount",
    "actual",
    "overrun",
    "met",
    "started_at",
    "stopped_at",
)


def _as_text(fields: Sequence[str], datetimes: frozenset[str]) -> dict[str, Cast]:
    """Datetimes read as text: parsing ISO text in Python is many times faster than the
    driver's own datetime loader, which dominated a large refresh."""
    return {f"{name}__text": Cast(name, CharField()) for name in fields if name in datetimes}


def _columns_read(fields: Sequence[str], datetimes: frozenset[str]) -> list[str]:
    return [f"{name}__text" if name in datetimes else name for name in fields]


def _moment(text: str | None) -> datetime | None:
    if text is None:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _rows(qs: QuerySet[Any], fields: Sequence[str], datetimes: frozenset[str]) -> list[list[Any]]:
    positions = [i for i, name in enumerate(fields) if name in datetimes]
    rows = []
    for values in (
        qs.order_by()
        .annotate(**_as_text(fields, datetimes))
        .values_list(*_columns_read(fields, datetimes))
    ):
        row = list(values)
        for i in positions:
            row[i] = _moment(row[i])
        rows.append(row)
    return rows


REPORT_DATETIMES = frozenset(
    {
        "created_at",
        "status_changed_at",
        "verified_at",
        "first_disposed_at",
        "first_followup_at",
        "closed_at",
    }
)
CLOCK_DATETIMES = frozenset({"started_at", "due_at", "paused_at", "stopped_at"})


def _refresh_batch(
    ids: list[int], context: _Context, now: datetime, *, maintain_rollups: bool = True
) -> None:
    reports = _rows(Report.objects.filter(pk__in=ids), REPORT_FIELDS, REPORT_DATETIMES)
    satisfied: dict[int, bool] = {}
    for report_id, value in (
        Feedback.objects.filter(report_id__in=ids)
        .order_by("report_id", "created_at", "id")
        .values_list("report_id", "satisfied")
    ):
        satisfied[report_id] = value  # the last reply wins
    followup_met: dict[tuple[int, datetime | None], bool] = {
        (report_id, stopped): bool(met)
        for report_id, stopped, met in _rows(
            Clock.objects.filter(report_id__in=ids, step=Step.FOLLOWUP, stopped_at__isnull=False),
            ("report_id", "stopped_at", "met"),
            CLOCK_DATETIMES,
        )
    }
    clocks = _rows(
        Clock.objects.filter(report_id__in=ids, step__in=MEASURED_STEPS, stopped_at__isnull=False),
        CLOCK_FIELDS,
        CLOCK_DATETIMES,
    )
    facts = [_report_fact(r, context, satisfied, followup_met, now) for r in reports]
    clock_facts = [_clock_fact(c, context) for c in clocks]
    with transaction.atomic():
        _lock_refresh()
        if maintain_rollups:
            rollups.apply_facts(ids, sign=-1)
        ClockFact.objects.filter(fact_id__in=ids).delete()
        ReportFact.objects.filter(report_id__in=ids).delete()
        insert_values(ReportFact, FACT_COLUMNS, facts)
        insert_values(ClockFact, CLOCK_FACT_COLUMNS, clock_facts)
        if maintain_rollups:
            rollups.apply_facts(ids, sign=1)


def _lock_refresh() -> None:
    """One refresh at a time changes facts and roll-ups: a second one (the beat while
    ``refresh_kpi`` runs) waits here, so no old fact is subtracted twice."""
    RefreshState.objects.get_or_create(pk=1)
    list(RefreshState.objects.select_for_update().filter(pk=1).values_list("pk", flat=True))


def _report_fact(
    row: Sequence[Any],
    context: _Context,
    satisfied: dict[int, bool],
    followup_met: dict[tuple[int, datetime | None], bool],
    now: datetime,
) -> tuple[Any, ...]:
    (
        pk,
        pemda_id,
        lead_agency_id,
        category_id,
        classification_id,
        channel_id,
        status,
        created_at,
        status_changed_at,
        verified_at,
        first_disposed_at,
        first_followup_at,
        closed_at,
        reopen_count,
        escalation,
    ) = row
    days = context.pemda_days(pemda_id)
    received = days.local_date(created_at)

    def since_receipt(moment: datetime | None) -> int | None:
        return max(days.between(created_at, moment), 0) if moment is not None else None

    closed = status == Status.CLOSED and closed_at is not None
    followed_up = first_followup_at is not None
    # The follow-up clock stopped by the first answer says whether it was in time;
    # an answer given at intake (outside-channel report already solved) had no limit.
    within = followed_up and followup_met.get((pk, first_followup_at), True)
    return (
        pk,
        pemda_id,
        lead_agency_id,
        category_id,
        classification_id,
        channel_id,
        status,
        created_at,
        received,
        received.replace(day=1),
        since_receipt(verified_at),
        since_receipt(first_disposed_at),
        since_receipt(first_followup_at),
        since_receipt(closed_at) if closed else None,
        first_disposed_at is not None or followed_up,
        followed_up,
        within,
        bool(escalation),
        status == Status.OMBUDSMAN,
        satisfied.get(pk),
        closed or reopen_count > 0,
        reopen_count > 0,
        status_changed_at,
        escalation,
        now,
    )


def clock_actual(
    *,
    amount: int,
    unit: str,
    started_at: datetime,
    due_at: datetime | None,
    paused_at: datetime | None,
    remaining: int | None,
    stopped_at: datetime,
    cal: WorkCalendar,
    days: DayCounter,
) -> int:
    """The time a stopped clock took in its unit, pauses left out.

    A clock's ``due_at`` moves on when it resumes after a pause, so the time used is the
    limit plus the (signed) distance from the deadline to the stop; a clock stopped while
    paused used its limit minus what remained.
    """
    if paused_at is not None and due_at is None:
        return max(amount - (remaining or 0), 0)
    if due_at is None:
        reference, base = started_at, 0
    else:
        reference, base = due_at, amount
    if unit == Unit.WORKING_DAYS:
        distance = days.between(reference, stopped_at)
    elif unit == Unit.WORKING_MINUTES:
        distance = working_minutes_between(cal, reference, stopped_at)
    else:
        distance = math.ceil((stopped_at - reference).total_seconds() / 86400)
    return max(base + distance, 0)


def _clock_fact(row: Sequence[Any], context: _Context) -> tuple[Any, ...]:
    (
        pk,
        report_id,
        organisation_id,
        step,
        unit,
        amount,
        started_at,
        due_at,
        paused_at,
        remaining,
        stopped_at,
        met,
    ) = row
    cal, days = context.org_calendar(organisation_id)
    actual = clock_actual(
        amount=amount,
        unit=unit,
        started_at=started_at,
        due_at=due_at,
        paused_at=paused_at,
        remaining=remaining,
        stopped_at=stopped_at,
        cal=cal,
        days=days,
    )
    return (
        pk,
        report_id,
        organisation_id,
        step,
        unit,
        amount,
        actual,
        actual - amount,
        bool(met),
        started_at,
        stopped_at,
    )


__all__ = [
    "MEASURED_STEPS",
    "RefreshResult",
    "clock_actual",
    "last_refreshed_at",
    "refresh_all",
    "refresh_changed",
    "refresh_reports",
    "refresh_stale",
    "stale_report_ids",
]
