from __future__ import annotations

from celery import shared_task

from tuntas.reports.sweep import sweep


@shared_task(name="tuntas.reports.tasks.sweep_clocks")
def sweep_clocks() -> int:
    """The periodic sweep (every minute in the beat schedule)."""
    return sweep().total_actions
