"""The one way to write outbox rows: ``queue(messages, now=...)``.

Every writer (the people notifications of ``Composer``, webhook events, calls to peer
deployments, the daily digest) builds ``OutgoingMessage``s and hands them here, inside
its own transaction: a rolled-back change leaves no message, a committed one never
loses it, and the worker is woken once the transaction commits.

A message's idempotency key is ``<event key>:<channel>:<target>`` (``row_key``). The
database refuses a second row with the same key (a unique index, ``ON CONFLICT DO
NOTHING``), so offering the same message twice, in one call or in two transactions
racing each other, queues it once; nothing is looked up first.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from tuntas.core.bulk import insert_values
from tuntas.outbox.models import OutboxMessage

logger = logging.getLogger(__name__)
KEY_LENGTH = OutboxMessage._meta.get_field("idempotency_key").max_length or 120
SUBJECT_LENGTH = OutboxMessage._meta.get_field("subject").max_length or 200
ADDRESS_LENGTH = OutboxMessage._meta.get_field("address").max_length or 254


def row_key(key: str, channel: str, target: object) -> str:
    """The idempotency key of one row: ``<event key>:<channel>:<target>``.

    A key too long for the column, or not plain ASCII (it travels in an HTTP header),
    is shortened to an ASCII prefix plus a hash of the whole, so it stays unique.
    """
    raw = f"{key}:{channel}:{target}"
    if len(raw) <= KEY_LENGTH and raw.isascii():
        return raw
    digest = hashlib.sha256(raw.encode()).hexdigest()[:40]
    prefix = raw.encode("ascii", "ignore").decode()[: KEY_LENGTH - len(digest) - 1]
    return f"{prefix}#{digest}"


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """One message to send: an outbox row before it is written.

    ``key`` names the event (the same change always gives the same key), ``target``
    the destination within the channel (a user id, an address, a subscription or peer
    id): together they make the row's idempotency key. ``address`` is what the channel
    delivers to (empty for in-app), ``recipient_id`` the account it belongs to, if any.
    ``body`` is the text, or the JSON a machine channel sends as it is.
    """

    channel: str
    target: object
    key: str
    event: str
    subject: str
    body: str
    address: str = ""
    recipient_id: int | None = None
    report_id: int | None = None
    link: str = ""

    @property
    def idempotency_key(self) -> str:
        return row_key(self.key, self.channel, self.target)


# The columns a queued message sets; the rest (state, attempts, ...) take their defaults.
ROW_FIELDS = (
    "idempotency_key",
    "channel",
    "event",
    "report_id",
    "recipient_id",
    "address",
    "subject",
    "body",
    "link",
    "next_attempt_at",
    "created_at",
)


def queue(messages: Iterable[OutgoingMessage], *, now: datetime) -> int:
    """Write ``messages`` to the outbox in the caller's transaction (one insert, ``COPY``
    for large batches) and wake the worker after commit; returns how many rows were
    written (a message whose key is already stored, or repeated here, is not)."""
    rows: dict[str, tuple[object, ...]] = {}
    for m in messages:
        key = m.idempotency_key
        if key in rows:
            continue
        rows[key] = (
            key,
            m.channel,
            m.event,
            m.report_id,
            m.recipient_id,
            m.address[:ADDRESS_LENGTH],
            m.subject[:SUBJECT_LENGTH],
            m.body,
            m.link,
            now,
            now,
        )
    if not rows:
        return 0
    written = insert_values(OutboxMessage, ROW_FIELDS, list(rows.values()), skip_duplicates=True)
    transaction.on_commit(kick_worker)
    return written


def kick_worker() -> None:
    """Ask the worker to deliver now (beat's periodic run catches up if this fails)."""
    from tuntas.outbox.tasks import deliver_due as deliver_due_task

    try:
        deliver_due_task.delay()
    except Exception:
        logger.warning("Could not reach the task queue; the periodic delivery will catch up.")
