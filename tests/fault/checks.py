"""What the fault test reads from the database: progress while it runs, and the verdict.

Every check returns plain figures and a list of failures (empty when all is well), so
the harness can print both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.db.models import Count, Q

from tuntas.audit.models import AuditEvent
from tuntas.outbox.models import DeliveryChannel, Notification, OutboxMessage, OutboxState
from tuntas.reports.models import Clock, Report, Status
from tuntas.reports.sweep.rules import OVERDUE, REMINDER, RULES
from tuntas.reports.transitions import Action

# Everything the sweep may do to a report.
SWEEP_ACTIONS = sorted(
    {str(rule.action) for rule in RULES.values()} | {str(OVERDUE.action), str(REMINDER.action)}
)


@dataclass(frozen=True)
class Progress:
    outbox_total: int
    outbox_sent: int
    outbox_dead: int
    closed: int
    due_clocks: int


def progress(report_ids: list[int], now: datetime) -> Progress:
    outbox = OutboxMessage.objects.aggregate(
        total=Count("id"),
        sent=Count("id", filter=Q(state=OutboxState.SENT)),
        dead=Count("id", filter=Q(state=OutboxState.DEAD)),
    )
    return Progress(
        outbox_total=outbox["total"],
        outbox_sent=outbox["sent"],
        outbox_dead=outbox["dead"],
        closed=Report.objects.filter(pk__in=report_ids, status=Status.CLOSED).count(),
        due_clocks=due_clocks(now),
    )


def closed_count() -> int:
    return Report.objects.filter(status=Status.CLOSED).count()


def due_clocks(now: datetime) -> int:
    """Clocks the sweep still has to act on at ``now``."""
    return Clock.objects.filter(
        stopped_at__isnull=True, acted_at__isnull=True, due_at__lte=now
    ).count()


def open_sweep_transactions(app_name: str) -> int:
    """Transactions of ``app_name``'s connections that hold clocks claimed FOR UPDATE."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(DISTINCT a.pid) FROM pg_locks l
            JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE a.application_name = %s AND l.relation = %s::regclass
              AND l.mode = 'RowShareLock' AND l.granted
            """,
            [app_name, Clock._meta.db_table],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def connections_of(app_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s", [app_name]
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


@dataclass
class Verdict:
    figures: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def expect(self, ok: bool, failure: str) -> None:
        if not ok:
            self.failures.append(failure)


def _sample(items: Collection[object], limit: int = 5) -> str:
    values = sorted(items, key=str)
    more = f" … (+{len(values) - limit})" if len(values) > limit else ""
    return ", ".join(str(v) for v in values[:limit]) + more


def verdict(
    report_ids: list[int],
    received: set[str],
    repeats: Counter[str],
    interrupted: set[str],
    now: datetime,
) -> Verdict:
    """Everything the fault test promises, checked after the workers stopped.
    ``interrupted``: the keys whose request was waiting for its answer at the kill."""
    v = Verdict()
    _outbox(v, received, repeats)
    _interrupted(v, interrupted, repeats)
    _notifications(v)
    _sweep(v, report_ids, now)
    return v


def _outbox(v: Verdict, received: set[str], repeats: Counter[str]) -> None:
    states = Counter(OutboxMessage.objects.values_list("state", flat=True))
    per_channel = Counter(OutboxMessage.objects.values_list("channel", flat=True))
    v.figures["outbox messages"] = sum(states.values())
    for channel, count in sorted(per_channel.items()):
        v.figures[f"outbox messages: {channel}"] = count
    v.expect(states[OutboxState.PENDING] == 0, f"{states[OutboxState.PENDING]} messages never sent")
    v.expect(states[OutboxState.DEAD] == 0, f"{states[OutboxState.DEAD]} messages dead")
    sms_keys = set(
        OutboxMessage.objects.filter(channel=DeliveryChannel.SMS).values_list(
            "idempotency_key", flat=True
        )
    )
    v.figures["SMS keys in the outbox"] = len(sms_keys)
    v.figures["SMS keys received"] = len(received)
    v.figures["transport-level repeats dropped by the receiver"] = sum(repeats.values())
    v.figures["messages repeated at the receiver"] = len(repeats)
    v.figures["messages claimed more than once"] = OutboxMessage.objects.filter(
        attempts__gt=1
    ).count()
    v.expect(bool(sms_keys), "no SMS messages at all: the test tested nothing")
    v.expect(not sms_keys - received, f"never reached the receiver: {_sample(sms_keys - received)}")
    v.expect(
        not received - sms_keys, f"received but not in the outbox: {_sample(received - sms_keys)}"
    )


def _interrupted(v: Verdict, interrupted: set[str], repeats: Counter[str]) -> None:
    """A delivery cut off by the kill is taken up again once its claim lease runs out, and
    the receiver drops the second copy."""
    attempts = dict(
        OutboxMessage.objects.filter(idempotency_key__in=interrupted).values_list(
            "idempotency_key", "attempts"
        )
    )
    v.figures["deliveries cut off by the kill"] = len(interrupted)
    v.expect(bool(interrupted), "the kill cut off no delivery")
    not_retried = {key for key in interrupted if attempts.get(key, 0) < 2 or not repeats[key]}
    v.expect(
        not not_retried,
        f"deliveries cut off by the kill but not sent again: {_sample(not_retried)}",
    )


def _notifications(v: Verdict) -> None:
    in_app = OutboxMessage.objects.filter(channel=DeliveryChannel.IN_APP)
    without = in_app.filter(notification__isnull=True).count()
    v.figures["in-app notifications"] = Notification.objects.count()
    v.expect(without == 0, f"{without} in-app messages without their notification")
    v.expect(
        Notification.objects.count() == in_app.count(),
        f"{Notification.objects.count()} notifications for {in_app.count()} in-app messages",
    )


def _sweep(v: Verdict, report_ids: list[int], now: datetime) -> None:
    events = AuditEvent.objects.filter(action__in=SWEEP_ACTIONS)
    per_action = Counter(events.values_list("action", flat=True))
    for action, count in sorted(per_action.items()):
        v.figures[f"sweep actions: {action}"] = count
    twice = list(
        events.values("report_id", "action", "data__step")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("report_id", "action", "data__step", "n")
    )
    v.expect(not twice, f"sweep actions done more than once (report, action, step, n): {twice[:5]}")
    closes = Counter(
        events.filter(action=str(Action.CLOSE), report_id__in=report_ids).values_list(
            "report_id", flat=True
        )
    )
    not_once = {pk for pk in report_ids if closes[pk] != 1}
    v.expect(not not_once, f"reports not closed exactly once: {_sample(not_once)}")
    open_reports = set(
        Report.objects.filter(pk__in=report_ids)
        .exclude(status=Status.CLOSED)
        .values_list("pk", flat=True)
    )
    v.figures["reports closed by the sweep"] = len(report_ids) - len(open_reports)
    v.expect(not open_reports, f"reports left open: {_sample(open_reports)}")
    left = due_clocks(now)
    v.expect(left == 0, f"{left} clocks due but not acted on")
    v.figures["clocks acted on"] = Clock.objects.filter(acted_at__isnull=False).count()
