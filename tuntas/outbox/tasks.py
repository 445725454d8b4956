from __future__ import annotations

from celery import shared_task

from tuntas.outbox import digest, services


@shared_task(name="tuntas.outbox.tasks.deliver_due")
def deliver_due() -> int:
    return services.deliver_due()


@shared_task(name="tuntas.outbox.tasks.queue_daily_digests")
def queue_daily_digests() -> int:
    """Beat runs this at 07:00 Asia/Jakarta; running it twice a day queues nothing new."""
    return digest.queue_daily_digests()
