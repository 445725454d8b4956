"""A reporter's request to erase their personal data (UU PDP 27/2022, docs/privacy.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ErasureState(models.TextChoices):
    PENDING = "pending", _("Menunggu dijalankan")
    DONE = "done", _("Sudah dihapus")
    CANCELLED = "cancelled", _("Dibatalkan pelapor")


class ErasureRequest(models.Model):
    """Erase the identity of an account's reporter (all the reports filed with it, and
    the account itself if it is only a citizen's), or of one report's reporter proven
    by its access code (that report only).

    Carried out when a coordinator or the national admin confirms it, or by the hourly
    purge once ``due_at`` (``TUNTAS_ERASURE_WAIT_HOURS`` after the request) has passed.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun pelapor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    report = models.ForeignKey(
        "reports.Report",
        verbose_name=_("laporan (dengan kode akses)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        _("status"), max_length=12, choices=ErasureState.choices, default=ErasureState.PENDING
    )
    requested_at = models.DateTimeField(_("diminta"))
    due_at = models.DateTimeField(_("dijalankan paling lambat"), db_index=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dikonfirmasi oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    pseudonym = models.CharField(_("pseudonim"), max_length=40, blank=True)
    # What was erased (counts per kind), written when it is carried out.
    summary = models.JSONField(_("ringkasan"), default=dict, blank=True)

    class Meta:
        verbose_name = _("permintaan penghapusan data")
        verbose_name_plural = _("permintaan penghapusan data")
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(report__isnull=False),
                name="privacy_erasure_has_subject",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(state="pending", user__isnull=False),
                name="privacy_one_pending_erasure_per_user",
            ),
            models.UniqueConstraint(
                fields=["report"],
                condition=Q(state="pending", report__isnull=False),
                name="privacy_one_pending_erasure_per_report",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.state}"
