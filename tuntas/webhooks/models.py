"""Webhook subscriptions: where an organisation wants signed report events POSTed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tuntas.outbox.models import OutboxMessage


class EventType(models.TextChoices):
    """The events a subscriber may choose (the ``type`` of each payload)."""

    REPORT_CREATED = "report.created", _("Laporan baru masuk")
    REPORT_DISPOSED = "report.disposed", _("Laporan didisposisikan ke OPD")
    REPORT_FOLLOWED_UP = "report.followed_up", _("Tindak lanjut disampaikan ke pelapor")
    REPORT_CLOSED = "report.closed", _("Laporan ditutup")
    REPORT_ESCALATED = "report.escalated", _("Laporan dieskalasi (intervensi atau Ombudsman)")


# Sent only on request from the staff page, to every subscription whatever it chose.
PING = "ping"


class WebhookSubscription(models.Model):
    """One receiver. ``organisation`` is a Pemda (events of its reports) or the national
    organisation (events of every report)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisasi"),
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
    )
    url = models.URLField(_("alamat tujuan (URL)"), max_length=500)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    # The HMAC key: the receiver needs it in the clear to check signatures, so it is kept
    # as it is (like any API secret), shown once and never displayed again.
    secret = models.CharField(max_length=80)
    events = models.JSONField(_("peristiwa"), default=list)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"))
    updated_at = models.DateTimeField(_("diubah"))
    secret_rotated_at = models.DateTimeField(_("kunci diganti"), null=True, blank=True)

    class Meta:
        verbose_name = _("langganan webhook")
        verbose_name_plural = _("langganan webhook")
        ordering = ["organisation__name", "id"]
        indexes = [models.Index(fields=["is_active", "organisation"])]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.url}"

    def wants(self, event_type: str) -> bool:
        return event_type == PING or event_type in self.events

    def event_labels(self) -> list[str]:
        return [str(EventType(e).label) for e in self.events if e in EventType.values]


def delivery_address(subscription: WebhookSubscription) -> str:
    """An outbox row's ``address``: the subscription id, then its URL for people reading
    the failed-messages page (delivery reads only the id and uses the current URL)."""
    max_length = OutboxMessage._meta.get_field("address").max_length or 254
    return f"{subscription.pk} {subscription.url}"[:max_length]


def subscription_id(address: str) -> int | None:
    """The subscription id of an outbox row's ``address`` (None if it has none)."""
    head = address.split(" ", 1)[0]
    return int(head) if head.isdigit() else None
