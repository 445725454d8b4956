"""Calls to peers as outbox rows (channel ``federation``), written in the caller's
transaction through the outbox's one writer (``tuntas.outbox.queue.queue``) and sent by
the outbox worker after commit (``tuntas.federation.transport.FederationTransport``).

A row's body is a JSON envelope: which peer, which path, what kind of call, and the
payload. Its idempotency key travels as the ``Idempotency-Key`` header, so the peer
drops a repeat; the same call offered twice is refused by the outbox's unique key.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tuntas.federation.models import Peer
from tuntas.outbox.models import DeliveryChannel
from tuntas.outbox.queue import OutgoingMessage, queue

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
    message = OutgoingMessage(
        channel=DeliveryChannel.FEDERATION,
        target=peer.pk,
        key=key,
        event=EVENT_NAMES[envelope.kind],
        subject=subject,
        body=envelope.to_json(),
        address=peer.base_url,
        report_id=report_id,
    )
    return queue([message], now=now) == 1
