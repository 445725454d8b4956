"""Service standards (Mutu Baku): a time limit for every step."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Step(models.TextChoices):
    VERIFICATION = "verification", _("Verifikasi laporan")
    COMPLETION = "completion", _("Batas waktu melengkapi data oleh pelapor")
    DISPOSITION = "disposition", _("Disposisi ke OPD")
    AGENCY_ACCEPTANCE = "agency_acceptance", _("Penerimaan disposisi oleh OPD")
    INTERNAL_DISPOSITION = "internal_disposition", _("Disposisi internal ke bidang")
    DRAFTING = "drafting", _("Koordinasi internal dan perumusan tindak lanjut")
    CLARIFICATION = "clarification", _("Batas waktu klarifikasi oleh pelapor")
    APPROVAL = "approval", _("Persetujuan rumusan tindak lanjut")
    PUBLICATION = "publication", _("Penyampaian tindak lanjut")
    FOLLOWUP = "followup", _("Tindak lanjut oleh OPD (sejak disposisi)")
    REPORTER_REPLY = "reporter_reply", _("Tanggapan balik pelapor")
    AUTO_CLOSE = "auto_close", _("Penutupan otomatis tanpa tanggapan")
    INTERVENTION_PEMDA = "intervention_pemda", _("Intervensi admin instansi/pemda")
    INTERVENTION_NATIONAL = "intervention_national", _("Intervensi admin nasional")
    OMBUDSMAN = "ombudsman", _("Diteruskan ke Ombudsman RI")


class Unit(models.TextChoices):
    WORKING_DAYS = "working_days", _("hari kerja")
    WORKING_MINUTES = "working_minutes", _("menit kerja")
    CALENDAR_DAYS = "calendar_days", _("hari kalender")


class CountedFrom(models.TextChoices):
    STEP_START = "step_start", _("sejak langkah dimulai")
    RECEIVED = "received", _("sejak laporan diterima")


# Steps whose limits a standard never inherits from a parent or the national default:
# escalations belong to the SOP that sets them (a preset runs only the ones it has).
OWN_STANDARD_ONLY = frozenset({Step.INTERVENTION_PEMDA, Step.INTERVENTION_NATIONAL})


class ServiceStandard(models.Model):
    """A named set of step limits; organisations point at one."""

    name = models.CharField(_("nama"), max_length=200)
    preset_key = models.SlugField(_("kunci preset"), max_length=60, unique=True)
    source = models.CharField(_("sumber (nomor SOP)"), max_length=200, blank=True)
    description = models.TextField(_("keterangan"), blank=True)
    is_national_default = models.BooleanField(_("standar nasional bawaan"), default=False)
    pause_on_clarification = models.BooleanField(
        _("hentikan sementara jam tindak lanjut saat menunggu klarifikasi pelapor"), default=True
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("pengingat (hari kerja sebelum tenggat)"),
        default=1,
        help_text=_(
            "Pengingat dikirim pada awal jam kerja sekian hari kerja terakhir sebelum tenggat; "
            "0 = tanpa pengingat. Langkah dalam menit tidak diberi pengingat."
        ),
    )

    answers_reach_national = models.BooleanField(
        _("admin nasional menerima pemberitahuan jawaban OPD"),
        default=False,
        help_text=_(
            "Seperti SOP Kabupaten Majalengka langkah 6: jawaban Perangkat Daerah diberitahukan "
            "kepada admin kabupaten dan admin pusat."
        ),
    )

    class Meta:
        verbose_name = _("standar pelayanan")
        verbose_name_plural = _("standar pelayanan")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_national_default"],
                condition=models.Q(is_national_default=True),
                name="single_national_default_standard",
            )
        ]

    def __str__(self) -> str:
        return self.name


class StepLimit(models.Model):
    standard = models.ForeignKey(
        ServiceStandard,
        verbose_name=_("standar"),
        on_delete=models.CASCADE,
        related_name="limits",
    )
    step = models.CharField(_("langkah"), max_length=32, choices=Step.choices)
    classification = models.ForeignKey(
        "reference.Classification",
        verbose_name=_("klasifikasi"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("Kosongkan agar berlaku untuk semua klasifikasi."),
    )
    amount = models.PositiveIntegerField(_("batas waktu"))
    min_amount = models.PositiveIntegerField(
        _("target tercepat"), null=True, blank=True, help_text=_("Misalnya 1 untuk '1-3 hari'.")
    )
    unit = models.CharField(_("satuan"), max_length=20, choices=Unit.choices)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    counted_from = models.CharField(
        _("dihitung"),
        max_length=20,
        choices=CountedFrom.choices,
        default=CountedFrom.STEP_START,
        help_text=_(
            "Sejak langkah dimulai (bawaan), atau sejak laporan diterima: misalnya 2 hari admin "
            "kabupaten untuk memeriksa dan meneruskan, dihitung dari laporan masuk."
        ),
    )

    class Meta:
        verbose_name = _("batas waktu langkah")
        verbose_name_plural = _("batas waktu langkah")
        ordering = ["standard", "step"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "step", "classification"],
                condition=models.Q(classification__isnull=False),
                name="step_limit_unique_per_classification",
            ),
            models.UniqueConstraint(
                fields=["standard", "step"],
                condition=models.Q(classification__isnull=True),
                name="step_limit_unique_general",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.amount} {self.get_unit_display()}"
