"""SMS through a configurable HTTP gateway: POST JSON ``{"to", "message", "reference"}``."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.channels.http_json import post_json
from tuntas.outbox.channels.text import short_text
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.outbox.phones import normalise_phone

# At most three concatenated SMS; the link is kept, the body shortened.
SMS_LIMIT = 480


def sms_configured() -> bool:
    return bool(settings.TUNTAS_SMS_GATEWAY_URL)


class SmsTransport(Transport):
    channel = DeliveryChannel.SMS

    @classmethod
    def is_configured(cls) -> bool:
        return sms_configured()

    def send(self, message: OutboxMessage) -> None:
        if not sms_configured():
            raise TransportError(_("Gateway SMS belum dikonfigurasi."), permanent=True)
        number = normalise_phone(message.address)
        if number is None:
            raise TransportError(
                _("Nomor telepon tidak sah: %(number)s") % {"number": message.address},
                permanent=True,
            )
        payload = {
            "to": f"+{number}",
            "message": short_text(message.body, message.link, SMS_LIMIT),
            "reference": message.idempotency_key,
        }
        post_json(
            settings.TUNTAS_SMS_GATEWAY_URL,
            payload,
            idempotency_key=message.idempotency_key,
            token=settings.TUNTAS_SMS_GATEWAY_TOKEN,
        )
