"""The outbox's ``webhook`` channel: signed report events POSTed to subscribers.

Registered with the outbox in ``WebhooksConfig.ready()`` (the outbox imports no
feature app).

The outbox row's ``body`` is the JSON payload, its ``address`` starts with the
subscription id; the current URL and secret of the subscription are used at send time
(a rotated secret signs every delivery still pending). 2xx is sent; 408, 409, 425, 429,
5xx and network errors are retried by the outbox; any other answer, and a subscription
disabled or deleted meanwhile, is permanent.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.utils.translation import gettext as _

from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.channels.http_json import post
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.webhooks.models import WebhookSubscription, subscription_id
from tuntas.webhooks.signing import SIGNATURE_HEADER, sign
from tuntas.webhooks.targets import TargetRefused, check_url

USER_AGENT = "Tuntas-Webhooks/1"
ERROR_DETAIL = 300


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
            "User-Agent": USER_AGENT,  # overrides the outbox default
            "X-Tuntas-Event": message.event,
            "X-Tuntas-Delivery": message.idempotency_key,
            "Idempotency-Key": message.idempotency_key,
            SIGNATURE_HEADER: sign(sub.secret, body, timestamp=int(time.time())),
        }
        post(url, body, headers, timeout=settings.TUNTAS_WEBHOOKS_TIMEOUT_SECONDS)
