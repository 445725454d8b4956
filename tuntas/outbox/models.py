"""Transactional outbox: messages written with the event, delivered after commit."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryChannel(models.TextChoices):
    IN_APP = "in_app", _("Di aplikasi")
    EMAIL = "email", _("E-mail")
    WHATSAPP = "whatsapp", _("WhatsApp")
    WHATSAPP_GROUP = "whatsapp_group", _("Grup WhatsApp")
    SMS = "sms", _("SMS")
    # Machine-to-machine: signed events to subscribers, and calls to peer deployments.
    WEBHOOK = "webhook", _("Webhook")
    FEDERATION = "federation", _("Federasi")


# The event of the staff's daily digest (``tuntas.reports.digest``).
DIGEST_EVENT = "daily_digest"


class OutboxState(models.TextChoices):
    PENDING = "pending", _("Menunggu dikirim")
    SENT = "sent", _("Terkirim")
    DEAD = "dead", _("Gagal permanen")


class OutboxMessage(models.Model):
    idempotency_key = models.CharField(max_length=120, unique=True)
    channel = models.CharField(_("kanal"), max_length=16, choices=DeliveryChannel.choices)
    event = models.CharField(_("peristiwa"), max_length=48)
    report = models.ForeignKey(
        "reports.Report", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="outbox_messages",
    )
    address = models.CharField(_("alamat tujuan"), max_length=254, blank=True)
    subject = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"))
    link = models.CharField(max_length=300, blank=True)
    state = models.CharField(
        _("status"), max_length=12, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(db_index=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pesan keluar")
        verbose_name_plural = _("pesan keluar")
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.channel}:{self.event} → {self.address or self.recipient_id}"


class Notification(models.Model):
    """An in-app notification (the bell in the staff and citizen pages)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    outbox_message = models.OneToOneField(
        OutboxMessage, null=True, on_delete=models.SET_NULL, related_name="notification"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.subject


class NotificationPreference(models.Model):
    """Which channels a person wants besides the in-app notification (always on).

    A person without a row has the defaults: e-mail on, WhatsApp and SMS off, and the
    daily digest on (it only ever goes to staff).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email = models.BooleanField(_("e-mail"), default=True)
    whatsapp = models.BooleanField(_("WhatsApp"), default=False)
    sms = models.BooleanField(_("SMS"), default=False)
    daily_digest = models.BooleanField(_("ringkasan harian"), default=True)
    updated_at = models.DateTimeField(_("diubah"))

    class Meta:
        verbose_name = _("pilihan notifikasi")
        verbose_name_plural = _("pilihan notifikasi")

    def __str__(self) -> str:
        return f"{self.user_id}: email={self.email} wa={self.whatsapp} sms={self.sms}"
