"""Monitoring and evaluation records (seed 003 SOP 4): site visits, meetings, analysis."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluationKind(models.TextChoices):
    SITE_VISIT = "site_visit", _("Kunjungan ke lokasi aduan dan SKPD terlapor")
    AGENCY_MEETING = "agency_meeting", _("Rapat koordinasi dengan SKPD/instansi terlapor")
    ANALYSIS = "analysis", _("Analisa laporan hasil rapat dan pemantauan")
    COMMUNITY_MEETING = (
        "community_meeting",
        _("Rapat koordinasi bersama komunitas dan masyarakat sipil"),
    )


class EvaluationState(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Menunggu persetujuan Kepala Dinas")
    RETURNED = "returned", _("Dikembalikan untuk diperbaiki")
    APPROVED = "approved", _("Disetujui Kepala Dinas")
    ARCHIVED = "archived", _("Diarsipkan")


class EvaluationRecord(models.Model):
    pemda = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("pemerintah daerah"),
        on_delete=models.PROTECT,
        related_name="evaluation_records",
    )
    kind = models.CharField(_("jenis kegiatan"), max_length=24, choices=EvaluationKind.choices)
    title = models.CharField(_("judul"), max_length=200)
    held_on = models.DateField(_("tanggal"))
    place = models.CharField(_("tempat"), max_length=200)
    participants = models.TextField(_("peserta"))
    minutes = models.TextField(_("notulen / hasil"))
    reports = models.ManyToManyField(
        "reports.Report", verbose_name=_("laporan terkait"), blank=True, related_name="+"
    )
    agencies = models.ManyToManyField(
        "organisations.Organisation",
        verbose_name=_("SKPD/instansi terkait"),
        blank=True,
        related_name="+",
    )
    state = models.CharField(
        _("status"), max_length=16, choices=EvaluationState.choices, default=EvaluationState.DRAFT
    )
    decision_note = models.TextField(_("catatan Kepala Dinas"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat"))
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diputuskan oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    archived_at = models.DateTimeField(_("diarsipkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("catatan pemantauan dan evaluasi")
        verbose_name_plural = _("catatan pemantauan dan evaluasi")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["pemda", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"


def evaluation_path(instance: EvaluationAttachment, filename: str) -> str:
    # Never keep the uploaded name on disk.
    return f"oversight/{instance.record.pemda_id}/{uuid.uuid4().hex}"


class EvaluationAttachment(models.Model):
    record = models.ForeignKey(
        EvaluationRecord,
        verbose_name=_("catatan"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(upload_to=evaluation_path, max_length=200)
    original_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("lampiran pemantauan")
        verbose_name_plural = _("lampiran pemantauan")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name
