from __future__ import annotations

from celery import shared_task

from tuntas.inbound import imap, services


@shared_task(name="tuntas.inbound.tasks.process_pending")
def process_pending() -> int:
    """Pick up messages left in ``received`` (a crash between store and process)."""
    return services.process_pending()


@shared_task(name="tuntas.inbound.tasks.poll_imap")
def poll_imap() -> int:
    return imap.poll_imap()
