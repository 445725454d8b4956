"""A request to lower what the reporter chose (anonim, rahasia): only the reporter decides."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PrivacyRequestState(models.TextChoices):
    PENDING = "pending", _("Menunggu jawaban pelapor")
    ACCEPTED = "accepted", _("Disetujui pelapor")
    DECLINED = "declined", _("Ditolak pelapor")


class PrivacyRequest(models.Model):
    """Staff ask the reporter's consent to lower a privacy choice (UU PDP 27/2022): show
    their identity to the agencies (``lower_anonymous``) or list the report publicly
    (``lower_confidential``). Until the reporter accepts, nothing changes."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="privacy_requests"
    )
    lower_anonymous = models.BooleanField(_("buka identitas kepada OPD"), default=False)
    lower_confidential = models.BooleanField(_("tampilkan di daftar publik"), default=False)
    reason = models.TextField(_("alasan"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    state = models.CharField(
        _("status"),
        max_length=16,
        choices=PrivacyRequestState.choices,
        default=PrivacyRequestState.PENDING,
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_through = models.CharField(max_length=16, blank=True)  # page or link

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("permintaan perubahan privasi")
        verbose_name_plural = _("permintaan perubahan privasi")
        constraints = [
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(state="pending"),
                name="one_pending_privacy_request_per_report",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.state}"

    def is_open(self, now: datetime) -> bool:
        return self.state == PrivacyRequestState.PENDING and now < self.expires_at
