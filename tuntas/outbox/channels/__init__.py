"""Delivery channels as plug-ins: one ``Transport`` per ``DeliveryChannel``."""

from __future__ import annotations

from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.channels.email import EmailTransport
from tuntas.outbox.channels.federation import FederationTransport
from tuntas.outbox.channels.in_app import InAppTransport
from tuntas.outbox.channels.sms import SmsTransport
from tuntas.outbox.channels.webhook import WebhookTransport
from tuntas.outbox.channels.whatsapp import WhatsAppGroupTransport, WhatsAppTransport
from tuntas.outbox.models import DeliveryChannel

REGISTRY: dict[str, type[Transport]] = {
    transport.channel: transport
    for transport in (
        InAppTransport,
        EmailTransport,
        WhatsAppTransport,
        WhatsAppGroupTransport,
        SmsTransport,
        WebhookTransport,
        FederationTransport,
    )
}
assert set(REGISTRY) == set(DeliveryChannel.values), "every channel needs a transport"


def transport_for(channel: str) -> Transport:
    """The transport of ``channel``; an unknown channel is a permanent error."""
    try:
        return REGISTRY[channel]()
    except KeyError as exc:
        raise TransportError(f"unknown channel {channel!r}", permanent=True) from exc


def is_enabled(channel: str) -> bool:
    """Whether messages should be queued on ``channel`` in this deployment."""
    transport = REGISTRY.get(channel)
    return transport is not None and transport.is_configured()


__all__ = ["REGISTRY", "Transport", "TransportError", "is_enabled", "transport_for"]
