"""Calls to peer Tuntas deployments (``tuntas.federation``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.models import DeliveryChannel

if TYPE_CHECKING:
    from tuntas.outbox.models import OutboxMessage


class FederationTransport(Transport):
    channel = DeliveryChannel.FEDERATION

    def send(self, message: OutboxMessage) -> None:
        raise TransportError("federation delivery is not available yet", permanent=True)
