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
