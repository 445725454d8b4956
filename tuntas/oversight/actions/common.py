"""What the oversight actions share: time, notices to the next person."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone

from tuntas.accounts.models import User
from tuntas.outbox.services import enqueue


def now_or(now: datetime | None) -> datetime:
    return now or timezone.now()


def notify_users(
    users: Iterable[User],
    *,
    event: str,
    key: str,
    subject: str,
    body: str,
    link: str,
    now: datetime,
    exclude: User | None = None,
) -> int:
    """An in-app notice (and the channels each person chose) through the outbox."""
    recipients = [u for u in users if exclude is None or u.pk != exclude.pk]
    if not recipients:
        return 0
    return enqueue(
        event=event, now=now, subject=subject, body=body, link=link, users=recipients, key=key
    )
