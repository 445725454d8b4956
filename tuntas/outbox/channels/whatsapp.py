"""WhatsApp through the WhatsApp Business Cloud API (text messages).

POST ``{TUNTAS_WHATSAPP_API_URL}/{phone_number_id}/messages`` with a Bearer token.
A person's number is sent as ``recipient_type: individual``; an agency's group
(``Organisation.whatsapp_group``) as ``recipient_type: group`` with the stored value
as the group id (see docs/notifications.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _

from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.channels.http_json import post_json
from tuntas.outbox.channels.text import short_text
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.outbox.phones import normalise_phone

# The Cloud API accepts text bodies up to 4096 characters.
BODY_LIMIT = 4096


def whatsapp_configured() -> bool:
    return bool(
        settings.TUNTAS_WHATSAPP_OUTBOX_DIR
        or (
            settings.TUNTAS_WHATSAPP_API_URL
            and settings.TUNTAS_WHATSAPP_PHONE_NUMBER_ID
            and settings.TUNTAS_WHATSAPP_TOKEN
        )
    )


def write_to_folder(folder: str, key: str, payload: Mapping[str, object]) -> None:
    """The demo sink: the payload the Cloud API would receive, one JSON file per message
    (named by its idempotency key, so a retried delivery overwrites, never doubles)."""
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", key)[:200] or "message"
    target = path / f"{name}.json"
    partial = target.with_suffix(".json.part")
    partial.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
    partial.replace(target)


def messages_url() -> str:
    phone_id = quote(settings.TUNTAS_WHATSAPP_PHONE_NUMBER_ID, safe="")
    return f"{settings.TUNTAS_WHATSAPP_API_URL}/{phone_id}/messages"


class WhatsAppTransport(Transport):
    channel = DeliveryChannel.WHATSAPP
    recipient_type: ClassVar[str] = "individual"

    @classmethod
    def is_configured(cls) -> bool:
        return whatsapp_configured()

    def destination(self, message: OutboxMessage) -> str:
        number = normalise_phone(message.address)
        if number is None:
            raise TransportError(
                _("Nomor WhatsApp tidak sah: %(number)s") % {"number": message.address},
                permanent=True,
            )
        return number

    def send(self, message: OutboxMessage) -> None:
        if not whatsapp_configured():
            raise TransportError(_("Kanal WhatsApp belum dikonfigurasi."), permanent=True)
        payload = {
            "messaging_product": "whatsapp",
            "recipient_type": self.recipient_type,
            "to": self.destination(message),
            "type": "text",
            "text": {
                "body": short_text(message.body, message.link, BODY_LIMIT, f"*{message.subject}*")
            },
        }
        if settings.TUNTAS_WHATSAPP_OUTBOX_DIR:
            write_to_folder(settings.TUNTAS_WHATSAPP_OUTBOX_DIR, message.idempotency_key, payload)
            return
        post_json(
            messages_url(),
            payload,
            idempotency_key=message.idempotency_key,
            token=settings.TUNTAS_WHATSAPP_TOKEN,
        )


class WhatsAppGroupTransport(WhatsAppTransport):
    """An agency's liaison group (seed 004: liaison officers are told in a group)."""

    channel = DeliveryChannel.WHATSAPP_GROUP
    recipient_type = "group"

    def destination(self, message: OutboxMessage) -> str:
        group = message.address.strip()
        if not group:
            raise TransportError(_("Grup WhatsApp tanpa tujuan."), permanent=True)
        return group
