from __future__ import annotations

from celery import shared_task

from tuntas.federation.sync import queue_status_updates as queue_updates


@shared_task(name="tuntas.federation.tasks.queue_status_updates")
def queue_status_updates() -> int:
    """Beat runs this every 30 s: events of received reports go back to their origin."""
    return queue_updates()
