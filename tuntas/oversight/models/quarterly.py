"""The quarterly report (seed 003 SOP 3) and the sign-offs it collects on its way."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class QuarterlyState(models.TextChoices):
    DRAFT = "draft", _("Disusun admin utama")
    SUBMITTED = "submitted", _("Menunggu pemeriksaan Kasi")
    RETURNED = "returned", _("Dikembalikan untuk diperbaiki")
    INITIALLED_SECTION = "initialled_section", _("Berparaf Kasi: menunggu pemeriksaan Kabid")
    INITIALLED_DIVISION = (
        "initialled_division",
        _("Berparaf Kabid: menunggu pengecekan aduan selesai oleh Kasi"),
    )
    RESOLVED_CHECKED = "resolved_checked", _("Aduan selesai dicek Kasi: menunggu disposisi Kabid")
    ARCHIVED = "archived", _("Diarsipkan sebagai bahan rapat evaluasi triwulan")


class QuarterlyReport(models.Model):
    pemda = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("pemerintah daerah"),
        on_delete=models.PROTECT,
        related_name="quarterly_reports",
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"))
    state = models.CharField(
        _("status"), max_length=24, choices=QuarterlyState.choices, default=QuarterlyState.DRAFT
    )
    # The compiled figures and rows (see ``tuntas.oversight.quarterly``): what Kasi and
    # Kabid initial is exactly what was compiled, and it never changes after submission.
    content: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(
        _("isi laporan"), default=dict
    )
    notes = models.TextField(_("catatan dan analisis admin utama"), blank=True)
    compiled_at = models.DateTimeField(_("disusun"))
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disusun oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    compile_count = models.PositiveSmallIntegerField(_("jumlah penyusunan"), default=1)
    created_at = models.DateTimeField(_("dibuat"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state_changed_at = models.DateTimeField(_("status berubah"))
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    archived_at = models.DateTimeField(_("diarsipkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("laporan triwulan")
        verbose_name_plural = _("laporan triwulan")
        ordering = ["-year", "-quarter", "pemda"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "year", "quarter"], name="quarterly_report_one_per_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4),
                name="quarterly_report_quarter_1_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pemda} {self.year} Q{self.quarter}"

    @property
    def period_label(self) -> str:
        return _("Triwulan %(q)s Tahun %(y)s") % {"q": self.quarter, "y": self.year}


class QuarterlyDecision(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    INITIALLED = "initialled", _("Diparaf")
    RETURNED = "returned", _("Dikembalikan untuk diperbaiki")
    RESOLVED_CHECKED = "resolved_checked", _("Aduan selesai dicek dan diparaf")
    ARCHIVED = "archived", _("Didisposisikan untuk diarsipkan")


class QuarterlySignOff(models.Model):
    """One step of the chain: who decided what, in which capacity, when, with what note."""

    report = models.ForeignKey(
        QuarterlyReport,
        verbose_name=_("laporan triwulan"),
        on_delete=models.CASCADE,
        related_name="signoffs",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT, related_name="+"
    )
    # Kept as text so the document shows the name and role as they were when signed.
    actor_name = models.CharField(_("nama"), max_length=200)
    role = models.CharField(_("peran"), max_length=24)
    role_label = models.CharField(_("jabatan"), max_length=120)
    decision = models.CharField(_("keputusan"), max_length=20, choices=QuarterlyDecision.choices)
    from_state = models.CharField(max_length=24)
    to_state = models.CharField(max_length=24)
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("paraf laporan triwulan")
        verbose_name_plural = _("paraf laporan triwulan")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report} {self.decision} {self.actor_name}"
