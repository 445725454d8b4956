"""Status back: what happens to a report we received is sent to the deployment it
came from, one outbox row per event (channel ``federation``).

``StatusBack`` is the ``federation`` subscriber of the reports' after-change hook: when
a received report changes in a way its reporter may read, it wakes the task that queues
that report's new events once the transaction commits, so the origin hears within
seconds. ``queue_status_updates`` is the safety net and runs every 30 s (Celery beat)
and with every ``manage.py deliver_outbox``. For each received report with new timeline events (the
reporter-visible ones, except those copied from the origin itself) it queues one call
per event and moves the link's cursor, in one transaction per report. Events of a
report are written under the report's row lock, so their ids grow in commit order and
the cursor never skips one; the outbox key (``federation:event:<link>:<event id>``)
makes a repeat queue nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime
from functools import partial
from typing import Any
from urllib.parse import quote

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from tuntas.audit.models import AuditEvent
from tuntas.federation.models import Direction, ForwardedReport
from tuntas.federation.outbox import KIND_EVENTS, Envelope, queue_call
from tuntas.federation.payloads import events_payload
from tuntas.federation.timeline import entries_with_ids
from tuntas.reports.disclosure import VISIBLE_TO, Audience
from tuntas.reports.hooks import ChangeBatch, ReportChange
from tuntas.reports.models import DraftState, FollowUp

logger = logging.getLogger(__name__)
BATCH = 200
# Events whose published answer travels with them (the reporter follows the report at
# the origin and must read the answer there).
ANSWER_ACTIONS = frozenset({"publish_followup"})


def with_followup(event: dict[str, Any], event_id: int) -> dict[str, Any]:
    """Add the published follow-up (text, agency, time) to a publish event."""
    if event["action"] not in ANSWER_ACTIONS:
        return event
    data = AuditEvent.objects.filter(pk=event_id).values_list("data", flat=True).first()
    followup_id = data.get("followup") if isinstance(data, dict) else None
    if not isinstance(followup_id, int):
        return event
    followup = (
        FollowUp.objects.filter(pk=followup_id, state=DraftState.PUBLISHED)
        .select_related("agency")
        .first()
    )
    if followup is not None:
        event["followup"] = {
            "body": followup.body,
            "agency": str(followup.agency) if followup.agency else "",
        }
    return event


def events_path(origin_tracking_id: str) -> str:
    return f"/api/federation/reports/{quote(origin_tracking_id, safe='')}/events/"


def links_with_news() -> list[int]:
    newer = AuditEvent.objects.filter(
        report_id=OuterRef("report_id"),
        id__gt=OuterRef("last_event_sent"),
        visibility__in=list(VISIBLE_TO[Audience.REPORTER]),
    )
    return list(
        ForwardedReport.objects.filter(direction=Direction.INCOMING, peer__is_active=True)
        .filter(Exists(newer))
        .order_by("id")
        .values_list("pk", flat=True)[:BATCH]
    )


@transaction.atomic
def queue_link_updates(link_id: int, *, now: datetime) -> int:
    """Queue the new events of one received report for its origin; returns how many."""
    link = (
        ForwardedReport.objects.select_for_update(of=("self",))
        .select_related("peer", "report")
        .filter(pk=link_id)
        .first()
    )
    if link is None or not link.peer.is_active:
        return 0
    copied_here = set(link.federated_events.values_list("audit_event_id", flat=True))
    queued = 0
    last = link.last_event_sent
    for pk, entry in entries_with_ids(link.report):
        last = max(last, pk)
        if pk <= link.last_event_sent or pk in copied_here:
            continue
        payload = events_payload(link.report, [with_followup(entry.as_payload(pk), pk)])
        queued += queue_call(
            peer=link.peer,
            envelope=Envelope(
                peer_id=link.peer_id,
                path=events_path(link.remote_tracking_id),
                kind=KIND_EVENTS,
                payload=payload,
                link_id=link.pk,
            ),
            key=f"federation:event:{link.pk}:{pk}",
            subject=f"{link.report.tracking_id}: {entry.label}",
            report_id=link.report_id,
            now=now,
        )
    link.last_event_sent = last
    link.last_synced_at = now
    link.save(update_fields=["last_event_sent", "last_synced_at"])
    return queued


def queue_status_updates(now: datetime | None = None) -> int:
    """Queue every received report's new events for its origin; returns how many."""
    now = now or timezone.now()
    return sum(queue_link_updates(pk, now=now) for pk in links_with_news())


class StatusBack:
    """The ``federation`` subscriber of the after-change hook (one per batch of changes).

    It notes the reports whose change the reporter may read and, at flush, finds those
    received from an active peer (one query per batch, none when nothing qualified);
    after commit it asks the worker to queue their new events. The rows themselves are
    written by ``queue_link_updates``, as by the periodic run: the same keys, so a
    change is sent once whichever of the two comes first.
    """

    def __init__(self, batch: ChangeBatch):
        self.report_ids: set[int] = set()

    def changed(self, change: ReportChange) -> None:
        if change.visibility in VISIBLE_TO[Audience.REPORTER]:
            self.report_ids.add(change.report.pk)

    def flush(self) -> None:
        if not self.report_ids:
            return
        ids, self.report_ids = self.report_ids, set()
        links = list(
            ForwardedReport.objects.filter(
                direction=Direction.INCOMING, peer__is_active=True, report_id__in=ids
            ).values_list("pk", flat=True)
        )
        if links:
            transaction.on_commit(partial(wake_status_back, sorted(links)))


def wake_status_back(link_ids: list[int]) -> None:
    """Ask the worker to queue these links' new events now (beat catches up otherwise)."""
    from tuntas.federation.tasks import queue_link_updates

    try:
        queue_link_updates.delay(link_ids)
    except Exception:
        logger.warning("Could not reach the task queue; the periodic status-back will catch up.")
