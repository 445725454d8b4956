from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tuntas.reports.models.status import Status


class Escalation(models.TextChoices):
    """Who has been asked to intervene because the agency is late (seed 003 SOP 1)."""

    NONE = "", _("Tidak ada")
    PEMDA = "pemda", _("Intervensi admin pemerintah daerah")
    NATIONAL = "national", _("Intervensi admin nasional")


class CloseReason(models.TextChoices):
    SATISFIED = "satisfied", _("pelapor menyatakan puas")
    AUTO = "auto", _("otomatis, tanpa tanggapan pelapor")
    COORDINATOR = "coordinator", _("ditutup admin koordinator")


class ArchiveReason(models.TextChoices):
    NOT_PUBLIC_SERVICE = "not_public_service", _("Bukan masalah pelayanan publik")
    TOO_GENERAL = "too_general", _("Laporan terlalu umum / tidak jelas")
    DUPLICATE = "duplicate", _("Duplikat laporan lain")
    ABUSIVE = "abusive", _("Mengandung unsur SARA, kebencian atau kata tidak pantas")
    INCOMPLETE = "incomplete", _("Data dukung tidak dilengkapi")
    SPAM = "spam", _("Iseng / spam")


class Report(models.Model):
    tracking_id = models.CharField(_("nomor pelacakan"), max_length=20, unique=True)
    access_code_hash = models.CharField(max_length=128, blank=True)
    pemda = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("pemerintah daerah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    classification = models.ForeignKey(
        "reference.Classification", verbose_name=_("klasifikasi"), on_delete=models.PROTECT
    )
    category = models.ForeignKey(
        "reference.Category",
        verbose_name=_("kategori"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    channel = models.ForeignKey(
        "reference.Channel", verbose_name=_("kanal"), on_delete=models.PROTECT
    )
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("isi laporan"))
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    location_text = models.CharField(_("lokasi"), max_length=300, blank=True)
    # WGS84 coordinates when the channel gave them (Open311 lat/long, a map pin).
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    region = models.ForeignKey(
        "reference.Region",
        verbose_name=_("wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    requested_agency = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("instansi tujuan (usulan pelapor)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Reporter: an account, or contact details typed in by staff / given without an account.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelapor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    reporter_name = models.CharField(_("nama pelapor"), max_length=200, blank=True)
    reporter_nik = models.CharField(_("NIK pelapor"), max_length=16, blank=True)
    reporter_phone = models.CharField(_("telepon pelapor"), max_length=32, blank=True)
    reporter_email = models.EmailField(_("e-mail pelapor"), blank=True)
    is_anonymous = models.BooleanField(_("anonim"), default=True)
    is_confidential = models.BooleanField(_("rahasia"), default=True)

    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.SUBMITTED
    )
    status_changed_at = models.DateTimeField(_("status berubah"))
    created_at = models.DateTimeField(_("diterima"), db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diinput oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    first_disposed_at = models.DateTimeField(_("disposisi pertama"), null=True, blank=True)
    first_followup_at = models.DateTimeField(_("tindak lanjut pertama"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    close_reason = models.CharField(
        _("alasan penutupan"), max_length=40, blank=True, choices=CloseReason.choices
    )
    archive_reason = models.CharField(
        _("alasan arsip"), max_length=40, blank=True, choices=ArchiveReason.choices
    )
    forwarded_to = models.CharField(_("diteruskan ke"), max_length=200, blank=True)
    return_count = models.PositiveSmallIntegerField(_("jumlah pengembalian disposisi"), default=0)
    reopen_count = models.PositiveSmallIntegerField(_("jumlah dibuka kembali"), default=0)
    escalation = models.CharField(
        _("eskalasi"), max_length=16, choices=Escalation.choices, blank=True, default=""
    )
    lead_agency = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("OPD utama"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The nearest deadline of a running clock and its step, kept by
    # ``tuntas.reports.next_due.refresh_next_due`` whenever clocks change.
    next_due_at = models.DateTimeField(_("tenggat terdekat"), null=True, blank=True)
    next_due_step = models.CharField(_("tahap tenggat terdekat"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["pemda", "status"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["pemda", "status", "next_due_at"], name="report_pemda_due"),
            models.Index(fields=["lead_agency", "status", "next_due_at"], name="report_agency_due"),
            models.Index(fields=["-created_at", "-id"], name="report_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_id} {self.title}"

    @property
    def is_terminal(self) -> bool:
        from tuntas.reports.models.status import TERMINAL_STATUSES

        return self.status in TERMINAL_STATUSES

    @property
    def reporter_display_name(self) -> str:
        if self.reporter_id is not None and self.reporter is not None:
            return self.reporter.display_name
        return self.reporter_name


class AssignmentState(models.TextChoices):
    PENDING = "pending", _("Menunggu diterima")
    ACCEPTED = "accepted", _("Diterima")
    RETURNED = "returned", _("Dikembalikan (salah disposisi)")
    TRANSFERRED = "transferred", _("Dilimpahkan")
    DONE = "done", _("Selesai")


class Assignment(models.Model):
    """An agency handling a report; exactly one active lead per disposed report."""

    report = models.ForeignKey(
        Report, verbose_name=_("laporan"), on_delete=models.CASCADE, related_name="assignments"
    )
    agency = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("OPD"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    is_lead = models.BooleanField(_("OPD utama"), default=False)
    state = models.CharField(
        _("status"), max_length=16, choices=AssignmentState.choices, default=AssignmentState.PENDING
    )
    instructions = models.TextField(_("arahan disposisi"), blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    disposed_at = models.DateTimeField(_("didisposisikan"))
    accepted_at = models.DateTimeField(_("diterima"), null=True, blank=True)
    closed_at = models.DateTimeField(_("berakhir"), null=True, blank=True)
    end_reason = models.TextField(_("alasan berakhir"), blank=True)
    division = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("bidang"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="division_assignments",
    )
    division_instructions = models.TextField(_("arahan kepala dinas"), blank=True)
    division_assigned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("penanganan OPD")
        verbose_name_plural = _("penanganan OPD")
        ordering = ["disposed_at", "id"]
        indexes = [
            models.Index(fields=["agency", "state"]),
            models.Index(fields=["division", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.report.tracking_id} → {self.agency}"

    @property
    def is_active(self) -> bool:
        return self.state in (AssignmentState.PENDING, AssignmentState.ACCEPTED)
