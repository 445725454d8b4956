"""What people write on a report: messages, field checks, drafts, replies."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    COMPLETION_REQUEST = "completion_request", _("Permintaan kelengkapan data")
    COMPLETION = "completion", _("Kelengkapan data dari pelapor")
    CLARIFICATION_REQUEST = "clarification_request", _("Permintaan klarifikasi")
    CLARIFICATION = "clarification", _("Klarifikasi dari pelapor")
    NOTE = "note", _("Catatan internal")
    REPLY = "reply", _("Pesan dari pelapor")


class Message(models.Model):
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("jenis"), max_length=32, choices=MessageKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("isi"))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pesan")
        verbose_name_plural = _("pesan")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"


class FieldCheck(models.Model):
    """A field verification with its Berita Acara (official record)."""

    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="field_checks"
    )
    agency = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    visited_on = models.DateField(_("tanggal pemeriksaan"))
    location = models.CharField(_("lokasi pemeriksaan"), max_length=300)
    findings = models.TextField(_("hasil pemeriksaan"))
    conclusion = models.TextField(_("kesimpulan dan solusi"))
    ba_number = models.CharField(_("nomor Berita Acara"), max_length=100)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pemeriksaan lapangan")
        verbose_name_plural = _("pemeriksaan lapangan")

    def __str__(self) -> str:
        return f"BA {self.ba_number}"


class DraftState(models.TextChoices):
    REVIEW = "review", _("Menunggu persetujuan")
    RETURNED = "returned", _("Dikembalikan untuk diperbaiki")
    APPROVED = "approved", _("Disetujui")
    PUBLISHED = "published", _("Disampaikan ke pelapor")


class FollowUp(models.Model):
    """A follow-up answer: drafted, approved by someone else, then published."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="followups")
    agency = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("isi tindak lanjut"))
    state = models.CharField(_("status"), max_length=16, choices=DraftState.choices)
    created_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("catatan pemeriksa"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")

    def __str__(self) -> str:
        return f"{self.report_id} {self.state}"


class Feedback(models.Model):
    """The reporter's reply to a published follow-up (Y/T)."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="feedback")
    followup = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="feedback")
    satisfied = models.BooleanField(_("puas"))
    rating = models.PositiveSmallIntegerField(_("penilaian (1-5)"), null=True, blank=True)
    comment = models.TextField(_("komentar"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("tanggapan pelapor")
        verbose_name_plural = _("tanggapan pelapor")

    def __str__(self) -> str:
        return f"{self.report_id} {'Y' if self.satisfied else 'T'}"
