"""The audit trail: one row for every change, with who, when, from, to and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Publik")
    REPORTER = "reporter", _("Pelapor")
    STAFF = "staff", _("Petugas")


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("waktu"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("pelaku (teks)"), max_length=200, blank=True)
    action = models.CharField(_("aksi"), max_length=48)
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("laporan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="events",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisasi"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_status = models.CharField(_("status awal"), max_length=32, blank=True)
    to_status = models.CharField(_("status akhir"), max_length=32, blank=True)
    reason = models.TextField(_("alasan"), blank=True)
    visibility = models.CharField(
        _("visibilitas"), max_length=12, choices=Visibility.choices, default=Visibility.STAFF
    )
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("jejak audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["report", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class IdentitySurface(models.TextChoices):
    """Where a reporter's identity was shown to staff."""

    PAGE = "page", _("Halaman laporan petugas")
    API = "api", _("API petugas")
    EXPORT = "export", _("Ekspor berkas laporan")


class IdentityView(models.Model):
    """One display of a reporter's identity to a staff member (UU PDP accountability):
    who saw whose identity, when, where.

    A table of its own, not an ``AuditEvent``: a report page is opened far more often than
    a report changes, and these rows belong neither on the report's timelines nor in the
    KPI refresh, which reads every event of a report. One insert per view; no personal
    data is copied here (the report and the reporter's account say whose identity it was).
    """

    created_at = models.DateTimeField(_("waktu"), db_index=True)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("petugas yang melihat"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("laporan"),
        on_delete=models.CASCADE,
        related_name="identity_views",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun pelapor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    surface = models.CharField(_("tempat"), max_length=12, choices=IdentitySurface.choices)
    # The capacities the viewer saw it in (e.g. "coordinator"), comma-separated.
    capacities = models.CharField(_("kapasitas"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("tampilan identitas pelapor")
        verbose_name_plural = _("tampilan identitas pelapor")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["report", "created_at"]),
            models.Index(fields=["viewer", "created_at"]),
            models.Index(fields=["subject", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.surface}"
