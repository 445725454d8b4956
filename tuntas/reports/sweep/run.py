"""Run the sweep: claim what is due, act on it in batches, once.

Safe with several workers at once: each batch claims its clocks *and their reports*
with ``FOR UPDATE SKIP LOCKED`` (PostgreSQL), so two workers never hold the same
report, and a report a person is acting on right now is simply left for the next
sweep. A clock is marked handled (``acted_at`` / ``reminded_at``) in the same
transaction as the action, so a worker killed mid-batch leaves nothing half done and
nothing is done twice. SQLite serialises writers, which gives the same guarantee.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tuntas.reports.hooks import ChangeBatch
from tuntas.reports.models import Assignment, AssignmentState, Clock, Report
from tuntas.reports.sweep.batch import Item, act_as_system
from tuntas.reports.sweep.rules import REMINDER, Rule, item_for, rule_for
from tuntas.workdays.calendars import Calendars

logger = logging.getLogger(__name__)
BATCH_SIZE = 500


@dataclass
class SweepResult:
    actions: Counter[str] = field(default_factory=Counter)
    due_clocks: int = 0
    reminder_clocks: int = 0
    failed_clocks: int = 0

    @property
    def total_actions(self) -> int:
        return sum(self.actions.values())

    def summary(self) -> str:
        parts = [f"{name}={count}" for name, count in sorted(self.actions.items())]
        return (
            f"clocks due: {self.due_clocks}, reminders due: {self.reminder_clocks}, "
            f"actions: {self.total_actions} ({', '.join(parts) or 'none'}), "
            f"failed: {self.failed_clocks}"
        )


def sweep(now: datetime | None = None, *, batch_size: int = BATCH_SIZE) -> SweepResult:
    """Act on every clock due at ``now`` (default: the current time)."""
    now = now or timezone.now()
    result = SweepResult()
    while _run_batch(due_clocks(now), now, batch_size, result, reminders=False) == batch_size:
        pass
    while _run_batch(_reminders(now), now, batch_size, result, reminders=True) == batch_size:
        pass
    return result


def due_clocks(now: datetime) -> QuerySet[Clock]:
    return Clock.objects.filter(stopped_at__isnull=True, acted_at__isnull=True, due_at__lte=now)


def _reminders(now: datetime) -> QuerySet[Clock]:
    return Clock.objects.filter(
        stopped_at__isnull=True, reminded_at__isnull=True, remind_at__lte=now
    )


def _order(reminders: bool) -> str:
    """The moment the clocks of a pass are due by, in which they are claimed and act."""
    return "remind_at" if reminders else "due_at"


def _claim(qs: QuerySet[Clock], limit: int, *, reminders: bool) -> list[Clock]:
    return list(
        qs.select_related("report", "report__reporter", "organisation")
        .select_for_update(skip_locked=True, of=("self", "report"))
        .order_by(_order(reminders), "id")[:limit]
    )


def _run_batch(
    qs: QuerySet[Clock], now: datetime, limit: int, result: SweepResult, *, reminders: bool
) -> int:
    """Claim up to ``limit`` clocks and act on them; the number claimed."""
    if not qs.values_list("pk", flat=True)[:1]:
        return 0  # the common case: a tiny index-only look, no transaction, no locks
    try:
        with transaction.atomic():
            clocks = _claim(qs, limit, reminders=reminders)
            _act(clocks, now, result, reminders=reminders)
            return len(clocks)
    except Exception:
        logger.exception("Sweep batch failed; retrying its clocks one by one.")
    return _run_one_by_one(qs, now, limit, result, reminders=reminders)


def _run_one_by_one(
    qs: QuerySet[Clock], now: datetime, limit: int, result: SweepResult, *, reminders: bool
) -> int:
    ids = list(qs.order_by(_order(reminders), "id").values_list("pk", flat=True)[:limit])
    for pk in ids:
        try:
            with transaction.atomic():
                clocks = _claim(qs.filter(pk=pk), 1, reminders=reminders)
                _act(clocks, now, result, reminders=reminders)
        except Exception:
            result.failed_clocks += 1
            logger.exception("Sweep could not act on clock %s; it stays due.", pk)
    # Stop this run: the failing clocks would be claimed again first.
    return 0


def _act(clocks: list[Clock], now: datetime, result: SweepResult, *, reminders: bool) -> None:
    if not clocks:
        return
    reports: dict[int, Report] = {}
    for clock in clocks:
        clock.report = reports.setdefault(clock.report_id, clock.report)
    divisions = _lead_divisions(list(reports))
    # One batch of changes for the whole transaction: subscribers (people, webhooks,
    # federation) look up once and write their outbox rows once, below.
    changes = ChangeBatch(now)
    calendars = Calendars()
    for round_clocks in _rounds(clocks, _order(reminders)):
        groups: dict[Rule, list[Item]] = defaultdict(list)
        for clock in round_clocks:
            rule = _rule(clock, now, reminders=reminders)
            if rule is None:
                continue
            item = item_for(rule, clock, now, calendars)
            item.concerned = replace(item.concerned, division_id=divisions.get(clock.report_id))
            groups[rule].append(item)
        for rule, items in groups.items():
            done = act_as_system(
                rule.action,
                items,
                now=now,
                visibility=rule.visibility,
                changes=changes,
            )
            result.actions[str(rule.action)] += len(done)
    handled = [c.pk for c in clocks]
    if reminders:
        Clock.objects.filter(pk__in=handled).update(reminded_at=now)
        result.reminder_clocks += len(handled)
    else:
        Clock.objects.filter(pk__in=handled).update(acted_at=now)
        result.due_clocks += len(handled)
    changes.flush()


def _rule(clock: Clock, now: datetime, *, reminders: bool) -> Rule | None:
    if not reminders:
        return rule_for(clock.step)
    # A reminder for a deadline already past (a sweep catching up) would only confuse.
    if clock.due_at is None or clock.due_at <= now:
        return None
    return REMINDER


def _rounds(clocks: list[Clock], order: str) -> list[list[Clock]]:
    """Round k holds each report's k-th due clock, so one report's clocks act in the
    order their deadlines passed (intervention before Ombudsman, say)."""
    per_report: dict[int, list[Clock]] = defaultdict(list)
    for clock in sorted(clocks, key=lambda c: (getattr(c, order), c.pk)):
        per_report[clock.report_id].append(clock)
    depth = max(len(v) for v in per_report.values())
    return [[v[k] for v in per_report.values() if len(v) > k] for k in range(depth)]


def _lead_divisions(report_ids: list[int]) -> dict[int, int | None]:
    rows = (
        Assignment.objects.filter(report_id__in=report_ids, is_lead=True)
        .exclude(state__in=[AssignmentState.RETURNED, AssignmentState.TRANSFERRED])
        .order_by("report_id", "disposed_at", "id")
        .values_list("report_id", "division_id")
    )
    return dict(rows)  # the latest lead assignment of each report wins
