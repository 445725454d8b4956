"""Peers (other Tuntas deployments), the reports exchanged with them and the events
mirrored between the two copies of a report."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Peer(models.Model):
    """Another Tuntas deployment this one forwards reports to and receives reports from.

    ``outbound_key`` is the API key the OTHER deployment issued to us (we send it with
    every call); it is kept server-side and never shown again after it was entered.
    ``inbound_key`` is the key we issued to them (scope ``federation``): a request made
    with it is a request from this peer. ``organisation`` is the local Pemda where the
    reports this peer forwards to us land, awaiting verification.
    """

    name = models.CharField(_("nama instansi Tuntas"), max_length=120, unique=True)
    base_url = models.URLField(_("alamat dasar"), max_length=200)
    outbound_key = models.CharField(_("kunci API dari instansi tersebut"), max_length=200)
    inbound_key = models.OneToOneField(
        "apikeys.ApiKey",
        verbose_name=_("kunci API yang kita berikan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="federation_peer",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("pemerintah daerah penerima"),
        on_delete=models.PROTECT,
        related_name="federation_peers",
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"))
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("diubah"))

    class Meta:
        verbose_name = _("instansi Tuntas lain")
        verbose_name_plural = _("instansi Tuntas lain")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Direction(models.TextChoices):
    OUTGOING = "outgoing", _("Diteruskan ke")
    INCOMING = "incoming", _("Diterima dari")


class ForwardedReport(models.Model):
    """One report exchanged with a peer: ours forwarded to them, or theirs received here."""

    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("laporan"),
        on_delete=models.CASCADE,
        related_name="federation_links",
    )
    peer = models.ForeignKey(
        Peer, verbose_name=_("instansi"), on_delete=models.PROTECT, related_name="links"
    )
    direction = models.CharField(_("arah"), max_length=8, choices=Direction.choices)
    # Incoming: the origin's tracking ID. Outgoing: the peer's, once it answered.
    remote_tracking_id = models.CharField(_("nomor pelacakan di instansi lain"), max_length=40)
    remote_status = models.CharField(_("status di instansi lain"), max_length=32, blank=True)
    remote_status_label = models.CharField(_("status (teks)"), max_length=200, blank=True)
    remote_status_at = models.DateTimeField(null=True, blank=True)
    # Incoming: the idempotency key of the forwarding call (a repeat finds this row).
    idempotency_key = models.CharField(max_length=120, blank=True)
    # Incoming: the origin's files (metadata only: the files stay at the origin).
    attachments = models.JSONField(_("lampiran di instansi asal"), default=list, blank=True)
    # Incoming: the id of the last of our events already queued for the origin.
    last_event_sent = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(_("dibuat"))
    last_synced_at = models.DateTimeField(_("terakhir sinkron"), null=True, blank=True)

    class Meta:
        verbose_name = _("laporan federasi")
        verbose_name_plural = _("laporan federasi")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["peer", "direction", "report"], name="federation_one_link_per_report"
            ),
            models.UniqueConstraint(
                fields=["peer", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="federation_unique_idempotency_key",
            ),
        ]
        indexes = [models.Index(fields=["peer", "direction", "remote_tracking_id"])]

    def __str__(self) -> str:
        return f"{self.direction} {self.peer_id}:{self.remote_tracking_id}"


class FederatedEvent(models.Model):
    """A timeline entry that happened at another deployment, copied into ours.

    ``remote_event_id`` is the event's id where it happened (unique per link), so a
    repeated delivery never copies it twice. ``instance`` names the deployment it
    happened at, ``who`` the actor as the reporter may see it there.
    """

    link = models.ForeignKey(
        ForwardedReport, on_delete=models.CASCADE, related_name="federated_events"
    )
    remote_event_id = models.CharField(max_length=80)
    audit_event = models.OneToOneField(
        "audit.AuditEvent", on_delete=models.CASCADE, related_name="federated"
    )
    instance = models.CharField(max_length=120)
    origin_sequence = models.BigIntegerField(default=0)
    label = models.CharField(max_length=200)
    status_label = models.CharField(max_length=200, blank=True)
    who = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["link", "remote_event_id"], name="federation_event_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instance}#{self.remote_event_id}"
