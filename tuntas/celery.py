"""The Celery application (Redis in production, filesystem transport embedded)."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

from tuntas.core.env import env_str

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuntas.settings")

app = Celery("tuntas")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = {
    "deliver-outbox": {"task": "tuntas.outbox.tasks.deliver_due", "schedule": 30.0},
    "federation-status-back": {
        "task": "tuntas.federation.tasks.queue_status_updates",
        "schedule": 30.0,
    },
    # CELERY_TIMEZONE is Asia/Jakarta: 07:00 WIB.
    "daily-digest": {
        "task": "tuntas.reports.tasks.queue_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "sweep-clocks": {"task": "tuntas.reports.tasks.sweep_clocks", "schedule": 60.0},
    "inbound-process-pending": {"task": "tuntas.inbound.tasks.process_pending", "schedule": 60.0},
    "kpi-refresh-facts": {"task": "tuntas.kpi.tasks.refresh_kpi_facts", "schedule": 60.0},
    # Hourly: erasure requests past their waiting period, then the retention periods
    # (docs/privacy.md); one audit event per run.
    "purge-personal-data": {
        "task": "tuntas.privacy.tasks.purge_personal_data",
        "schedule": crontab(minute=17),
    },
}
if env_str("TUNTAS_IMAP_HOST", "").strip():
    app.conf.beat_schedule["inbound-poll-imap"] = {
        "task": "tuntas.inbound.tasks.poll_imap",
        "schedule": 120.0,
    }
