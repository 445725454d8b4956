"""The Celery application (Redis in production, filesystem transport embedded)."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuntas.settings")

app = Celery("tuntas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = {
    "deliver-outbox": {"task": "tuntas.outbox.tasks.deliver_due", "schedule": 30.0},
}
