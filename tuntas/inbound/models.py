"""Messages received from WhatsApp, SMS and e-mail, and where each channel's traffic goes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class InboundChannel(models.TextChoices):
    # The values are the reference Channel codes (tuntas/reference/defaults.py).
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class InboundState(models.TextChoices):
    RECEIVED = "received", _("Diterima, belum diproses")
    ATTACHED = "attached", _("Dilampirkan ke laporan")
    CREATED = "created", _("Menjadi laporan baru")
    UNPARSEABLE = "unparseable", _("Tidak dapat diproses")
    DISMISSED = "dismissed", _("Diabaikan")


class InboundRoute(models.Model):
    """Which regional government a channel destination (number, mailbox) belongs to."""

    channel = models.CharField(_("kanal"), max_length=16, choices=InboundChannel.choices)
    destination = models.CharField(
        _("tujuan"),
        max_length=254,
        help_text=_(
            "WhatsApp: phone_number_id dari Meta. SMS: nomor gateway (mis. 6281234567890) "
            "atau kata kunci di awal pesan. E-mail: alamat kotak surat."
        ),
    )
    pemda = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("pemerintah daerah"),
        on_delete=models.CASCADE,
        related_name="inbound_routes",
        limit_choices_to={"kind": "pemda"},
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("rute pesan masuk")
        verbose_name_plural = _("rute pesan masuk")
        ordering = ["channel", "destination"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "destination"], name="inbound_route_unique_destination"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.destination} → {self.pemda}"


class InboundMessage(models.Model):
    """One message as received. Nothing received is ever dropped: every message is
    stored first, then processed into a report, a reply on a report, or kept for staff."""

    channel = models.CharField(_("kanal"), max_length=16, choices=InboundChannel.choices)
    provider_id = models.CharField(_("ID pesan penyedia"), max_length=255)
    sender = models.CharField(_("pengirim"), max_length=254, blank=True)
    sender_name = models.CharField(_("nama pengirim"), max_length=200, blank=True)
    destination = models.CharField(_("tujuan"), max_length=254, blank=True)
    subject = models.CharField(_("subjek"), max_length=300, blank=True)
    text = models.TextField(_("isi"), blank=True)
    raw = models.TextField(_("data mentah"), blank=True)
    attachment_count = models.PositiveSmallIntegerField(_("jumlah lampiran"), default=0)
    received_at = models.DateTimeField(_("diterima"), db_index=True)
    state = models.CharField(
        _("status"), max_length=16, choices=InboundState.choices, default=InboundState.RECEIVED
    )
    pemda = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("pemerintah daerah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("laporan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbound_messages",
    )
    error = models.TextField(_("alasan"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("percobaan proses"), default=0)
    processed_at = models.DateTimeField(_("diproses"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditangani oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handled_note = models.TextField(_("catatan petugas"), blank=True)

    class Meta:
        verbose_name = _("pesan masuk")
        verbose_name_plural = _("pesan masuk")
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "provider_id"], name="inbound_message_unique_provider_id"
            )
        ]
        indexes = [
            models.Index(fields=["state", "received_at"]),
            models.Index(fields=["pemda", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.sender} {self.received_at:%Y-%m-%d %H:%M}"
