from __future__ import annotations

from celery import shared_task

from tuntas.outbox import services


@shared_task(name="tuntas.outbox.tasks.deliver_due")
def deliver_due() -> int:
    return services.deliver_due()
