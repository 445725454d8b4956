"""What the sender of a message hears back, through the outbox on the channel they used."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tuntas.inbound.models import InboundChannel, InboundMessage
from tuntas.outbox.services import enqueue
from tuntas.reports.actions import Submitted

RECEIPT_EVENT = "inbound_receipt"


def queue_receipt(message: InboundMessage, submitted: Submitted, now: datetime) -> None:
    """Tell the sender the tracking ID and access code of the report made from their message.

    The key is derived from the message, so processing it again queues nothing new.
    """
    report = submitted.report
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[%(id)s] Laporan Anda sudah kami terima") % {"id": report.tracking_id}
        body = _(
            "Terima kasih, laporan Anda sudah kami terima.\n"
            "Nomor pelacakan: %(id)s\n"
            "Kode akses: %(code)s\n"
            "Simpan kedua kode ini untuk melacak laporan Anda. Untuk menambah keterangan, "
            "balas pesan ini dengan menyebut nomor pelacakan."
        ) % {"id": report.tracking_id, "code": submitted.access_code}
    channel = message.channel
    enqueue(
        event=RECEIPT_EVENT,
        now=now,
        subject=subject,
        body=body,
        link=reverse("citizen:track"),
        report_id=report.pk,
        emails=[message.sender] if channel == InboundChannel.EMAIL else [],
        whatsapp_numbers=[message.sender] if channel == InboundChannel.WHATSAPP else [],
        sms_numbers=[message.sender] if channel == InboundChannel.SMS else [],
        key=f"inbound:{message.pk}:receipt",
    )
