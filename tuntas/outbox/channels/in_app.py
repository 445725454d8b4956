"""In-app: the notification in the bell menu. Idempotent through the one-to-one link."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tuntas.outbox.channels.base import Transport, TransportError
from tuntas.outbox.models import DeliveryChannel, Notification, OutboxMessage


class InAppTransport(Transport):
    channel = DeliveryChannel.IN_APP

    def send(self, message: OutboxMessage) -> None:
        if message.recipient_id is None:
            raise TransportError(_("Pesan di aplikasi tanpa penerima."), permanent=True)
        Notification.objects.get_or_create(
            outbox_message=message,
            defaults={
                "user_id": message.recipient_id,
                "subject": message.subject,
                "body": message.body,
                "link": message.link,
                "created_at": message.created_at,
            },
        )
