from __future__ import annotations

from celery import shared_task

from tuntas.kpi.facts import refresh_changed


@shared_task(name="tuntas.kpi.tasks.refresh_kpi_facts", ignore_result=True)
def refresh_kpi_facts() -> int:
    """Bring the KPI facts of changed reports up to date (beat: every minute)."""
    return refresh_changed().reports
