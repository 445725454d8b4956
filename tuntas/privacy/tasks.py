from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from tuntas.privacy.retention import purge


@shared_task(name="tuntas.privacy.tasks.purge_personal_data", ignore_result=True)
def purge_personal_data() -> int:
    """Due erasure requests, then the retention periods (beat: hourly)."""
    result = purge(now=timezone.now())
    return result.erasures + sum(result.counts.values())
