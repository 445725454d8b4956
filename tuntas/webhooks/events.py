"""Report changes → webhook events, written to the outbox with the change itself.

``WebhookSubscriber`` is the ``webhooks`` subscriber of the reports' after-change hook
(``tuntas.reports.hooks``, registered in ``WebhooksConfig.ready()``): one
``WebhookQueue`` per batch of changes (one action, or one batch of the clock sweep),
written in one insert when the batch flushes, inside the caller's transaction: a
rolled-back change leaves no event, a committed one never loses it. The active
subscriptions are read once per queue (once per sweep batch, not per report), and the
reports' codes once per ``save``.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import translation

from tuntas.organisations.models import OrganisationKind
from tuntas.outbox.models import DeliveryChannel
from tuntas.outbox.queue import OutgoingMessage, queue
from tuntas.reports.hooks import ChangeBatch, ReportChange
from tuntas.reports.models import PUBLIC_STATUSES, Report, Status
from tuntas.reports.transitions import Action
from tuntas.webhooks.models import PING, EventType, WebhookSubscription, delivery_address

A = Action
E = EventType
# Which webhook events each action fires (an already-solved intake is both created
# and followed up).
EVENTS_FOR_ACTION: dict[Action, tuple[EventType, ...]] = {
    A.SUBMIT: (E.REPORT_CREATED,),
    A.RECEIVE_FORWARDED: (E.REPORT_CREATED,),
    A.INTAKE: (E.REPORT_CREATED,),
    A.INTAKE_FOR_AGENCY: (E.REPORT_CREATED,),
    A.INTAKE_SOLVED: (E.REPORT_CREATED, E.REPORT_FOLLOWED_UP),
    A.DISPOSE: (E.REPORT_DISPOSED,),
    A.TRANSFER: (E.REPORT_DISPOSED,),
    A.PUBLISH_FOLLOWUP: (E.REPORT_FOLLOWED_UP,),
    A.CLOSE: (E.REPORT_CLOSED,),
    A.REPLY_SATISFIED: (E.REPORT_CLOSED,),
    A.INTERVENE_PEMDA: (E.REPORT_ESCALATED,),
    A.INTERVENE_NATIONAL: (E.REPORT_ESCALATED,),
    A.FORWARD_OMBUDSMAN: (E.REPORT_ESCALATED,),
}
# Events keep the same id however often the same change is offered (uuid5 of its key).
EVENT_NAMESPACE = uuid.UUID("5b0f5d4e-2f3c-4a8e-9a61-7d3f1b6c2e90")
LANGUAGE = "id"


def public_url(tracking_id: str) -> str:
    return f"{settings.TUNTAS_SITE_URL}/laporan-publik/{tracking_id}/"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _status_label(status: str) -> str:
    with translation.override(LANGUAGE):
        return str(Status(status).label) if status in Status.values else status


@dataclass
class ReportSnapshot:
    """What the payload needs of a report, taken when the action happened."""

    pk: int
    pemda_id: int | None
    tracking_id: str
    status: str
    confidential: bool
    escalation: str
    created_at: datetime
    status_changed_at: datetime

    @classmethod
    def of(cls, report: Report) -> ReportSnapshot:
        return cls(
            pk=report.pk,
            pemda_id=report.pemda_id,
            tracking_id=report.tracking_id,
            status=str(report.status),
            confidential=report.is_confidential,
            escalation=str(report.escalation),
            created_at=report.created_at,
            status_changed_at=report.status_changed_at,
        )


def report_payload(snap: ReportSnapshot, codes: dict[str, Any]) -> dict[str, Any]:
    """The ``report`` object of a payload; a rahasia report shows only its tracking
    id, status and dates. Never the reporter's identity."""
    base: dict[str, Any] = {
        "tracking_id": snap.tracking_id,
        "is_confidential": snap.confidential,
        "status": snap.status,
        "status_label": _status_label(snap.status),
        "created_at": _iso(snap.created_at),
        "status_changed_at": _iso(snap.status_changed_at),
    }
    if snap.confidential:
        return base
    category = (
        {"id": codes["category_id"], "name": codes["category__name"]}
        if codes.get("category_id") is not None
        else None
    )
    public = snap.status in PUBLIC_STATUSES
    return {
        **base,
        "pemda": codes.get("pemda__code"),
        "category": category,
        "classification": codes.get("classification__code"),
        "channel": codes.get("channel__code"),
        "lead_agency": codes.get("lead_agency__code"),
        "escalation": snap.escalation,
        "url": public_url(snap.tracking_id) if public else None,
    }


def envelope(
    event_id: uuid.UUID, event_type: str, occurred_at: datetime, action: str, report: Any
) -> str:
    """The JSON body of one delivery (stable key order, compact)."""
    body = {
        "id": str(event_id),
        "type": event_type,
        "occurred_at": occurred_at.isoformat(),
        "action": action,
        "report": report,
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


@dataclass
class _Pending:
    snap: ReportSnapshot
    action: Action
    event_type: EventType
    event_id: uuid.UUID
    now: datetime
    subscriptions: list[WebhookSubscription]


CODE_FIELDS = (
    "pk",
    "pemda__code",
    "lead_agency__code",
    "category_id",
    "category__name",
    "classification__code",
    "channel__code",
)


@dataclass
class WebhookQueue:
    """Collects webhook events; ``save`` writes them as outbox rows in one insert."""

    _subscriptions: list[WebhookSubscription] | None = None
    _pending: list[_Pending] = field(default_factory=list)

    def subscriptions(self) -> list[WebhookSubscription]:
        """Every active subscription (read once per queue)."""
        if self._subscriptions is None:
            self._subscriptions = list(
                WebhookSubscription.objects.filter(is_active=True).select_related("organisation")
            )
        return self._subscriptions

    def _matching(self, pemda_id: int | None, event_type: str) -> list[WebhookSubscription]:
        return [
            s
            for s in self.subscriptions()
            if s.wants(event_type)
            and (
                s.organisation.kind == OrganisationKind.NATIONAL
                or (pemda_id is not None and s.organisation_id == pemda_id)
            )
        ]

    def add(self, report: Report, action: Action, *, now: datetime, key: str) -> None:
        """Queue the events ``action`` on ``report`` fires, for whoever subscribed.

        ``key`` identifies the change (the notification key): the event id derives from
        it, so offering the same change twice queues nothing new.
        """
        types = EVENTS_FOR_ACTION.get(action, ())
        if not types:
            return
        snap: ReportSnapshot | None = None
        for event_type in types:
            subs = self._matching(report.pemda_id, event_type)
            if not subs:
                continue
            snap = snap or ReportSnapshot.of(report)
            event_id = uuid.uuid5(EVENT_NAMESPACE, f"{key}:{event_type}")
            self._pending.append(_Pending(snap, action, event_type, event_id, now, subs))

    def save(self) -> int:
        """Write the collected events (one row per subscription per event); the count."""
        if not self._pending:
            return 0
        pending, self._pending = self._pending, []
        ids = {p.snap.pk for p in pending if not p.snap.confidential}
        codes: dict[int, dict[str, Any]] = {}
        if ids:
            rows = Report.objects.filter(pk__in=ids).values(*CODE_FIELDS)
            codes = {row["pk"]: row for row in rows}
        by_moment: dict[datetime, list[OutgoingMessage]] = defaultdict(list)
        for p in pending:
            by_moment[p.now] += [
                _message(p.event_type, p.event_id, p.now, str(p.action), p.snap, codes, sub)
                for sub in p.subscriptions
            ]
        # One insert per moment: every change of a batch shares the batch's moment.
        for moment, messages in by_moment.items():
            queue(messages, now=moment)
        return sum(len(messages) for messages in by_moment.values())


class WebhookSubscriber:
    """The ``webhooks`` subscriber of the after-change hook: one queue per batch."""

    def __init__(self, batch: ChangeBatch):
        self.queue = WebhookQueue()

    def changed(self, change: ReportChange) -> None:
        self.queue.add(change.report, change.action, now=change.now, key=change.key)

    def flush(self) -> None:
        self.queue.save()


def _message(
    event_type: str,
    event_id: uuid.UUID,
    now: datetime,
    action: str,
    snap: ReportSnapshot,
    codes: dict[int, dict[str, Any]],
    sub: WebhookSubscription,
) -> OutgoingMessage:
    body = envelope(event_id, event_type, now, action, report_payload(snap, codes.get(snap.pk, {})))
    return webhook_message(
        key=f"wh:{event_id}",
        event_type=event_type,
        report_id=snap.pk,
        subscription=sub,
        subject=f"{event_type} {snap.tracking_id}",
        body=body,
    )


def webhook_message(
    *,
    key: str,
    event_type: str,
    report_id: int | None,
    subscription: WebhookSubscription,
    subject: str,
    body: str,
) -> OutgoingMessage:
    """One delivery on the webhook channel (target: the subscription)."""
    return OutgoingMessage(
        channel=DeliveryChannel.WEBHOOK,
        target=subscription.pk,
        key=key,
        event=event_type,
        subject=subject,
        body=body,
        address=delivery_address(subscription),
        report_id=report_id,
    )


def ping_body(event_id: uuid.UUID, now: datetime, subscription: WebhookSubscription) -> str:
    body = {
        "id": str(event_id),
        "type": PING,
        "occurred_at": now.isoformat(),
        "subscription": {
            "id": subscription.pk,
            "organisation": subscription.organisation.code,
            "events": list(subscription.events),
        },
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def event_types(values: Iterable[str]) -> list[str]:
    """``values`` as known event types, in the canonical order, without repeats."""
    wanted = set(values)
    return [value for value in EventType.values if value in wanted]
