"""Calls to peers as outbox rows (channel ``federation``), written in the caller's
transaction and sent by the outbox worker after commit (``FederationTransport``).

A row's body is a JSON envelope: which peer, which path, what kind of call, and the
payload. Its idempotency key travels as the ``Idempotency-Key`` header, so the peer
drops a repeat.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from tuntas.federation.models import Peer
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.outbox.services import kick_worker, row_key

KIND_REPORT = "report"  # forward a report (answer: the peer's tracking ID)
KIND_EVENTS = "events"  # status back: events that happened to a received report
EVENT_NAMES = {KIND_REPORT: "federation_forward", KIND_EVENTS: "federation_events"}


@dataclass(frozen=True)
class Envelope:
    peer_id: int
    path: str
    kind: str
    payload: dict[str, Any]
    link_id: int

    def to_json(self) -> str:
        return json.dumps(
            {
                "peer": self.peer_id,
                "path": self.path,
                "kind": self.kind,
                "link": self.link_id,
                "payload": self.payload,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, body: str) -> Envelope:
        raw = json.loads(body)
        return cls(
            peer_id=int(raw["peer"]),
            path=str(raw["path"]),
            kind=str(raw["kind"]),
            payload=dict(raw["payload"]),
            link_id=int(raw.get("link") or 0),
        )


def queue_call(
    *,
    peer: Peer,
    envelope: Envelope,
    key: str,
    subject: str,
    report_id: int | None,
    now: datetime,
) -> bool:
    """Write one call to the outbox; False when a row with this key already exists."""
    idempotency_key = row_key(key, DeliveryChannel.FEDERATION, peer.pk)
    if OutboxMessage.objects.filter(idempotency_key=idempotency_key).exists():
        return False
    OutboxMessage.objects.create(
        idempotency_key=idempotency_key,
        channel=DeliveryChannel.FEDERATION,
        event=EVENT_NAMES[envelope.kind],
        report_id=report_id,
        address=peer.base_url[:254],
        subject=subject[:200],
        body=envelope.to_json(),
        next_attempt_at=now,
        created_at=now,
    )
    transaction.on_commit(kick_worker)
    return True
