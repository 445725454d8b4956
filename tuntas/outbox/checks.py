"""System check: every outbox channel has a transport once the apps are ready."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error

from tuntas.outbox.channels import REGISTRY
from tuntas.outbox.models import DeliveryChannel


def channels_have_transports(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    missing = sorted(set(DeliveryChannel.values) - set(REGISTRY))
    return [
        Error(
            f"outbox channel {channel!r} has no transport",
            hint="The app that owns the channel registers it in AppConfig.ready() "
            "(tuntas.outbox.channels.register_transport).",
            id="outbox.E001",
        )
        for channel in missing
    ]
