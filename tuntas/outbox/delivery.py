"""Deliver outbox messages: claim one atomically, hand it to its channel's transport,
record the result. Temporary failures are retried with exponential backoff; permanent
ones, and the ``MAX_ATTEMPTS``-th failure, leave the message DEAD for an admin."""

from __future__ import annotations

import logging
import random
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from tuntas.outbox.channels import TransportError, transport_for
from tuntas.outbox.models import OutboxMessage, OutboxState

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
# How long a claimed message is left alone: a worker killed mid-send leaves it PENDING,
# and another worker picks it up after this lease (the receiver drops the repeat by
# its Idempotency-Key).
CLAIM_LEASE = timedelta(seconds=settings.TUNTAS_OUTBOX_CLAIM_SECONDS)
BASE_DELAY_SECONDS = 30
MAX_DELAY_SECONDS = 6 * 60 * 60
JITTER = 0.1


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failure: 30 s, 1 min, 2 min, … (at most 6 h),
    plus up to 10 % random jitter so that failures do not retry in lockstep."""
    seconds = min(BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0), MAX_DELAY_SECONDS)
    return timedelta(seconds=seconds * (1 + random.uniform(0, JITTER)))


def deliver_one(message_id: int, now: datetime | None = None) -> bool:
    """Claim and deliver one message; True when it was sent by this call."""
    now = now or timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, state=OutboxState.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + CLAIM_LEASE, attempts=F("attempts") + 1)
    if not claimed:
        return False
    message = OutboxMessage.objects.select_related("recipient").get(pk=message_id)
    try:
        transport_for(message.channel).send(message)
    except TransportError as exc:
        _failed(message, exc.message, permanent=exc.permanent, now=now)
        return False
    except Exception as exc:  # a bug or an unexpected library error: retry, keep the trace
        logger.exception("Delivering outbox message %s failed", message_id)
        _failed(message, f"{type(exc).__name__}: {exc}", permanent=False, now=now)
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        state=OutboxState.SENT, sent_at=now, last_error=""
    )
    return True


def _failed(message: OutboxMessage, error: str, *, permanent: bool, now: datetime) -> None:
    dead = permanent or message.attempts >= MAX_ATTEMPTS
    OutboxMessage.objects.filter(pk=message.pk).update(
        last_error=error[:2000],
        state=OutboxState.DEAD if dead else OutboxState.PENDING,
        next_attempt_at=now if dead else now + backoff(message.attempts),
    )
    log = logger.warning if dead else logger.info
    log(
        "Outbox message %s (%s) %s after attempt %s: %s",
        message.pk,
        message.channel,
        "is dead" if dead else "will be retried",
        message.attempts,
        error[:200],
    )


def deliver_due(now: datetime | None = None, limit: int = 200) -> int:
    """Deliver up to ``limit`` messages whose time has come; returns how many were sent.

    Each claim is dated ``now`` plus the time this batch has taken so far, so a slow batch
    never hands out a lease that has already run out; and the batch stops after half a
    lease (the next run carries on), so no claim of it can expire while it still works.
    """
    now = now or timezone.now()
    ids = list(
        OutboxMessage.objects.filter(state=OutboxState.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    started = time.monotonic()
    sent = 0
    for pk in ids:
        elapsed = timedelta(seconds=time.monotonic() - started)
        if elapsed > CLAIM_LEASE / 2:
            break
        sent += deliver_one(pk, now + elapsed)
    return sent
