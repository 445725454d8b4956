"""The outbox's ``federation`` channel: calls to peer Tuntas deployments.

Registered with the outbox in ``FederationConfig.ready()`` (the outbox imports no
feature app). The outbox row's body is an envelope (``tuntas.federation.outbox.Envelope``):
the peer, the path on the peer, the kind of call and the JSON payload. The call is a
POST with the API key the peer issued to us (``Authorization: Api-Key …``) and the
row's idempotency key. 2xx: sent (a forwarded report's answer gives the peer's tracking
ID, which ``services.record_forward_answer`` keeps on the link: the transport itself
writes no domain rows); 4xx other than 408/409/425/429: permanent; 5xx, timeouts,
refused connections: retried.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.utils import timezone

from tuntas.federation.models import Peer
from tuntas.federation.outbox import KIND_REPORT, Envelope
from tuntas.federation.services import record_forward_answer
from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.channels.http_json import post
from tuntas.outbox.models import DeliveryChannel, OutboxMessage


def post_to_peer(
    url: str, payload: dict[str, Any], *, api_key: str, idempotency_key: str
) -> dict[str, Any]:
    """POST ``payload``; the JSON answer on 2xx, else ``TransportError``."""
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Accept-Language": settings.LANGUAGE_CODE,
        "Authorization": f"Api-Key {api_key}",
        "Idempotency-Key": idempotency_key,
    }
    body = json.dumps(payload).encode()
    raw = post(url, body, headers, timeout=settings.TUNTAS_FEDERATION_TIMEOUT_SECONDS)
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


class FederationTransport(Transport):
    channel = DeliveryChannel.FEDERATION

    def send(self, message: OutboxMessage) -> None:
        try:
            envelope = Envelope.from_json(message.body)
        except (ValueError, KeyError, TypeError) as exc:
            raise TransportError(f"unreadable federation envelope: {exc}", permanent=True) from exc
        peer = Peer.objects.filter(pk=envelope.peer_id).first()
        if peer is None or not peer.is_active:
            raise TransportError("the peer was removed or deactivated", permanent=True)
        if not peer.outbound_key:
            raise TransportError("no API key for this peer yet", permanent=False)
        answer = post_to_peer(
            peer.base_url.rstrip("/") + envelope.path,
            envelope.payload,
            api_key=peer.outbound_key,
            idempotency_key=message.idempotency_key,
        )
        if envelope.kind == KIND_REPORT:
            record_forward_answer(envelope.link_id, answer, now=timezone.now())
