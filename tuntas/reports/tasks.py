from __future__ import annotations

from celery import shared_task

from tuntas.reports import digest
from tuntas.reports.sweep import sweep


@shared_task(name="tuntas.reports.tasks.sweep_clocks")
def sweep_clocks() -> int:
    """The periodic sweep (every minute in the beat schedule)."""
    return sweep().total_actions


@shared_task(name="tuntas.reports.tasks.queue_daily_digests")
def queue_daily_digests() -> int:
    """Beat runs this at 07:00 Asia/Jakarta; running it twice a day queues nothing new."""
    return digest.queue_daily_digests()
