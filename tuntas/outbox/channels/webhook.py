"""Signed report events to webhook subscribers (``tuntas.webhooks``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.models import DeliveryChannel

if TYPE_CHECKING:
    from tuntas.outbox.models import OutboxMessage


class WebhookTransport(Transport):
    channel = DeliveryChannel.WEBHOOK

    def send(self, message: OutboxMessage) -> None:
        raise TransportError("webhook delivery is not available yet", permanent=True)
