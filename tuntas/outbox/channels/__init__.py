"""Delivery channels as plug-ins: one ``Transport`` per ``DeliveryChannel``.

The outbox ships the channels that reach people (in-app, e-mail, WhatsApp, SMS) and the
HTTP helper machine channels share (``http_json``). A feature app with a channel of its
own keeps its transport in its own folder and registers it in ``AppConfig.ready()``
(``register_transport``): the webhook transport lives in ``tuntas.webhooks.transport``,
the federation one in ``tuntas.federation.transport``. The outbox imports no feature app;
a system check (``outbox.E001``) reports a channel nobody registered.
"""

from __future__ import annotations

from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.channels.email import EmailTransport
from tuntas.outbox.channels.in_app import InAppTransport
from tuntas.outbox.channels.sms import SmsTransport
from tuntas.outbox.channels.whatsapp import WhatsAppGroupTransport, WhatsAppTransport

REGISTRY: dict[str, type[Transport]] = {
    transport.channel: transport
    for transport in (
        InAppTransport,
        EmailTransport,
        WhatsAppTransport,
        WhatsAppGroupTransport,
        SmsTransport,
    )
}


def register_transport(channel: str, transport: type[Transport]) -> None:
    """Make ``transport`` deliver the messages of ``channel`` (a feature app's plug-in,
    called from its ``AppConfig.ready()``). Registering the same class again is a no-op;
    a second class for a channel is a programming error."""
    current = REGISTRY.get(channel)
    if current is not None and current is not transport:
        raise ValueError(f"channel {channel!r} already has a transport: {current.__name__}")
    REGISTRY[channel] = transport


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


__all__ = [
    "REGISTRY",
    "Transport",
    "TransportError",
    "is_enabled",
    "register_transport",
    "transport_for",
]
