"""Signed report events to webhook subscribers (``tuntas.webhooks``).

The outbox row's ``body`` is the JSON payload, its ``address`` starts with the
subscription id; the current URL and secret of the subscription are used at send time
(a rotated secret signs every delivery still pending). 2xx is sent; 408, 409, 425, 429,
5xx and network errors are retried by the outbox; any other answer, and a subscription
disabled or deleted meanwhile, is permanent.
"""

from __future__ import annotations

import time
import urllib.request
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.channels.http_json import is_retryable_status
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.webhooks.models import WebhookSubscription, subscription_id
from tuntas.webhooks.signing import SIGNATURE_HEADER, sign
from tuntas.webhooks.targets import TargetRefused, check_url

USER_AGENT = "Tuntas-Webhooks/1"
ERROR_DETAIL = 300


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as an error (permanent): it would drop the POST body and
    could lead into an internal network."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _subscription(message: OutboxMessage) -> WebhookSubscription:
    pk = subscription_id(message.address)
    sub = WebhookSubscription.objects.filter(pk=pk).first() if pk is not None else None
    if sub is None:
        raise TransportError(_("Langganan webhook sudah dihapus."), permanent=True)
    if not sub.is_active:
        raise TransportError(_("Langganan webhook dinonaktifkan."), permanent=True)
    return sub


class WebhookTransport(Transport):
    channel = DeliveryChannel.WEBHOOK

    def send(self, message: OutboxMessage) -> None:
        sub = _subscription(message)
        try:
            url = check_url(sub.url)
        except TargetRefused as exc:
            raise TransportError(str(exc), permanent=True) from exc
        body = message.body.encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Tuntas-Event": message.event,
            "X-Tuntas-Delivery": message.idempotency_key,
            "Idempotency-Key": message.idempotency_key,
            SIGNATURE_HEADER: sign(sub.secret, body, timestamp=int(time.time())),
        }
        request = urllib.request.Request(  # noqa: S310 - check_url allows http(s) only
            url, data=body, headers=headers, method="POST"
        )
        try:
            with _opener.open(request, timeout=settings.TUNTAS_WEBHOOKS_TIMEOUT_SECONDS) as resp:
                resp.read(65536)
        except HTTPError as exc:
            detail = exc.read(ERROR_DETAIL).decode("utf-8", "replace") if exc.fp else ""
            raise TransportError(
                f"HTTP {exc.code}: {detail}".strip(), permanent=not is_retryable_status(exc.code)
            ) from exc
        except (URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise TransportError(
                _("Gagal menghubungi %(host)s: %(reason)s")
                % {"host": urlsplit(url).netloc, "reason": reason}
            ) from exc
