"""Calls to peer Tuntas deployments (``tuntas.federation``).

The outbox row's body is an envelope (``tuntas.federation.outbox.Envelope``): the peer,
the path on the peer, the kind of call and the JSON payload. The call is a POST with
the API key the peer issued to us (``Authorization: Api-Key …``) and the row's
idempotency key. 2xx: sent (a forwarded report's answer gives the peer's tracking ID);
4xx other than 408/409/425/429: permanent; 5xx, timeouts, refused connections: retried.
"""

from __future__ import annotations

import json
import urllib.request
from typing import TYPE_CHECKING, Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.channels.http_json import USER_AGENT, is_retryable_status
from tuntas.outbox.models import DeliveryChannel

if TYPE_CHECKING:
    from tuntas.outbox.models import OutboxMessage

MAX_ANSWER_BYTES = 65536


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET without its body: refuse it."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def post_to_peer(
    url: str, payload: dict[str, Any], *, api_key: str, idempotency_key: str
) -> dict[str, Any]:
    """POST ``payload``; the JSON answer on 2xx, else ``TransportError``."""
    if urlsplit(url).scheme not in {"http", "https"}:
        raise TransportError(f"invalid peer URL: {url}", permanent=True)
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=json.dumps(payload).encode(),
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Accept-Language": settings.LANGUAGE_CODE,
            "Authorization": f"Api-Key {api_key}",
            "Idempotency-Key": idempotency_key,
            "User-Agent": USER_AGENT,
        },
        method="POST",
    )
    timeout = settings.TUNTAS_FEDERATION_TIMEOUT_SECONDS
    try:
        with _opener.open(request, timeout=timeout) as response:
            raw = response.read(MAX_ANSWER_BYTES)
    except HTTPError as exc:
        detail = exc.read(500).decode("utf-8", "replace") if exc.fp is not None else ""
        raise TransportError(
            f"HTTP {exc.code}: {detail}".strip(), permanent=not is_retryable_status(exc.code)
        ) from exc
    except (URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise TransportError(f"{urlsplit(url).netloc}: {reason}") from exc
    try:
        answer = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


class FederationTransport(Transport):
    channel = DeliveryChannel.FEDERATION

    def send(self, message: OutboxMessage) -> None:
        from tuntas.federation.models import Peer
        from tuntas.federation.outbox import KIND_REPORT, Envelope
        from tuntas.federation.services import record_forward_answer

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
