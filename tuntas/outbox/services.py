"""Write messages to the outbox inside the caller's transaction; deliver after commit."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tuntas.accounts.models import User
from tuntas.outbox.models import DeliveryChannel, Notification, OutboxMessage, OutboxState

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 8


def enqueue(
    *,
    event: str,
    now: datetime,
    subject: str,
    body: str,
    link: str = "",
    report_id: int | None = None,
    users: Iterable[User] = (),
    emails: Iterable[str] = (),
    key: str | None = None,
) -> list[OutboxMessage]:
    """Queue one in-app and (where an address is known) one e-mail message per recipient."""
    base = key or uuid.uuid4().hex
    rows: list[OutboxMessage] = []
    seen_emails: set[str] = set()
    for user in {u.pk: u for u in users}.values():
        rows.append(
            OutboxMessage(
                idempotency_key=f"{base}:in_app:{user.pk}",
                channel=DeliveryChannel.IN_APP,
                event=event,
                report_id=report_id,
                recipient=user,
                subject=subject,
                body=body,
                link=link,
                next_attempt_at=now,
                created_at=now,
            )
        )
        if user.email:
            seen_emails.add(user.email.lower())
            rows.append(
                _email_row(base, event, now, subject, body, link, report_id, user.email, user)
            )
    for address in emails:
        if address and address.lower() not in seen_emails:
            seen_emails.add(address.lower())
            rows.append(_email_row(base, event, now, subject, body, link, report_id, address, None))
    created = OutboxMessage.objects.bulk_create(rows)
    if created:
        transaction.on_commit(_kick_worker)
    return created


def _email_row(
    base: str,
    event: str,
    now: datetime,
    subject: str,
    body: str,
    link: str,
    report_id: int | None,
    address: str,
    user: User | None,
) -> OutboxMessage:
    return OutboxMessage(
        idempotency_key=f"{base}:email:{address.lower()}",
        channel=DeliveryChannel.EMAIL,
        event=event,
        report_id=report_id,
        recipient=user,
        address=address,
        subject=subject,
        body=body,
        link=link,
        next_attempt_at=now,
        created_at=now,
    )


def _kick_worker() -> None:
    from tuntas.outbox.tasks import deliver_due

    try:
        deliver_due.delay()
    except Exception:
        logger.warning("Could not reach the task queue; the periodic delivery will catch up.")


def deliver_one(message_id: int, now: datetime | None = None) -> bool:
    """Claim and deliver one message; True when it was sent by this call."""
    now = now or timezone.now()
    claimed = OutboxMessage.objects.filter(
        pk=message_id, state=OutboxState.PENDING, next_attempt_at__lte=now
    ).update(next_attempt_at=now + timedelta(minutes=5), attempts=F("attempts") + 1)
    if not claimed:
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        _send(message, now)
    except Exception as exc:
        dead = message.attempts >= MAX_ATTEMPTS
        OutboxMessage.objects.filter(pk=message_id).update(
            last_error=str(exc)[:2000],
            state=OutboxState.DEAD if dead else OutboxState.PENDING,
            next_attempt_at=now + timedelta(seconds=30 * 2 ** min(message.attempts, 10)),
        )
        return False
    OutboxMessage.objects.filter(pk=message_id).update(state=OutboxState.SENT, sent_at=now)
    return True


def _send(message: OutboxMessage, now: datetime) -> None:
    if message.channel == DeliveryChannel.IN_APP:
        if message.recipient_id is None:
            return
        Notification.objects.get_or_create(
            outbox_message=message,
            defaults={
                "user_id": message.recipient_id,
                "subject": message.subject,
                "body": message.body,
                "link": message.link,
                "created_at": now,
            },
        )
    elif message.channel == DeliveryChannel.EMAIL:
        body = message.body
        if message.link:
            body = f"{body}\n\n{settings.TUNTAS_SITE_URL}{message.link}"
        send_mail(
            subject=message.subject,
            message=body,
            from_email=None,
            recipient_list=[message.address],
            fail_silently=False,
        )


def deliver_due(now: datetime | None = None, limit: int = 200) -> int:
    now = now or timezone.now()
    ids = list(
        OutboxMessage.objects.filter(state=OutboxState.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in ids if deliver_one(pk, now))
