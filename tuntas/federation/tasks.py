from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from tuntas.federation import sync


@shared_task(name="tuntas.federation.tasks.queue_status_updates")
def queue_status_updates() -> int:
    """Beat runs this every 30 s: events of received reports go back to their origin."""
    return sync.queue_status_updates()


@shared_task(name="tuntas.federation.tasks.queue_link_updates")
def queue_link_updates(link_ids: list[int]) -> int:
    """Queue the new events of these received reports for their origin at once (woken
    after a change commits, ``sync.StatusBack``); returns how many were queued."""
    now = timezone.now()
    return sum(sync.queue_link_updates(pk, now=now) for pk in link_ids)
