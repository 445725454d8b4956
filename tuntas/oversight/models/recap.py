"""The daily recap as checked and reported to the superior (seed 003 SOP 6)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyRecap(models.Model):
    """A day's recap of one Pemda (all agencies) or one agency, checked and reported
    ("Rekap laporan per hari: bahan untuk laporan ke atasan"), with its figures as they
    were at that moment."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisasi"),
        on_delete=models.PROTECT,
        related_name="daily_recaps",
    )
    day = models.DateField(_("tanggal"))
    figures: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(
        _("angka rekap"), default=dict
    )
    note = models.TextField(_("catatan"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dilaporkan oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("dilaporkan"))

    class Meta:
        verbose_name = _("rekap harian")
        verbose_name_plural = _("rekap harian")
        ordering = ["-day", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "day"], name="daily_recap_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.day}"
