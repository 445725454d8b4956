"""Outbox rows for tests that exercise delivery directly."""

from __future__ import annotations

import itertools
from datetime import datetime

from django.utils import timezone

from tuntas.accounts.models import User
from tuntas.outbox.models import OutboxMessage, OutboxState

_serial = itertools.count(1)


def message(
    channel: str,
    address: str = "",
    *,
    recipient: User | None = None,
    report_id: int | None = None,
    event: str = "verify",
    subject: str = "[LPR-1] Verifikasi",
    body: str = 'Laporan LPR-1 "Jalan rusak": Verifikasi.',
    link: str = "/laporan/LPR-1/",
    state: str = OutboxState.PENDING,
    attempts: int = 0,
    last_error: str = "",
    now: datetime | None = None,
    key: str | None = None,
) -> OutboxMessage:
    now = now or timezone.now()
    return OutboxMessage.objects.create(
        idempotency_key=key or f"test:{next(_serial)}:{channel}",
        channel=channel,
        event=event,
        report_id=report_id,
        recipient=recipient,
        address=address,
        subject=subject,
        body=body,
        link=link,
        state=state,
        attempts=attempts,
        last_error=last_error,
        next_attempt_at=now,
        created_at=now,
    )
