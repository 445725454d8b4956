from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AttachmentKind(models.TextChoices):
    EVIDENCE = "evidence", _("Bukti dari pelapor")
    COMPLETION = "completion", _("Kelengkapan data")
    FIELD_PHOTO = "field_photo", _("Foto pemeriksaan lapangan")
    OFFICIAL_RECORD = "official_record", _("Berita Acara")
    FOLLOWUP = "followup", _("Lampiran tindak lanjut")


def attachment_path(instance: Attachment, filename: str) -> str:
    # Never keep the uploaded name on disk: it may identify the reporter.
    return f"attachments/{instance.report_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(upload_to=attachment_path, max_length=200)
    # The name shown and downloaded with: neutral (``LPR-2503-ABC234-1.jpg``, given by
    # ``uploads.store``), never the uploaded name, which may identify the reporter
    # (``KTP_Siti.jpg``). Older rows were renamed by migration 0004.
    original_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    field_check = models.ForeignKey(
        "reports.FieldCheck",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    followup = models.ForeignKey(
        "reports.FollowUp",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")

    def __str__(self) -> str:
        return self.original_name
