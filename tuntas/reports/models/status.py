from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu verifikasi")
    ON_HOLD = "on_hold", _("Ditunda: menunggu kelengkapan data")
    NOT_IN_AUTHORITY = "not_in_authority", _("Bukan wewenang: dikembalikan ke admin nasional")
    FORWARDED = "forwarded", _("Diteruskan ke instansi lain")
    ARCHIVED = "archived", _("Diarsipkan")
    VERIFIED = "verified", _("Terverifikasi: menunggu disposisi")
    DISPOSED = "disposed", _("Didisposisikan: menunggu diterima OPD")
    ACCEPTED = "accepted", _("Diterima OPD")
    IN_DIVISION = "in_division", _("Ditangani bidang")
    AWAITING_CLARIFICATION = "awaiting_clarification", _("Menunggu klarifikasi pelapor")
    DRAFT_REVIEW = "draft_review", _("Rumusan tindak lanjut menunggu persetujuan")
    DRAFT_APPROVED = "draft_approved", _("Rumusan disetujui: siap disampaikan")
    FOLLOWED_UP = "followed_up", _("Ditindaklanjuti: menunggu tanggapan pelapor")
    CLOSED = "closed", _("Selesai")
    OMBUDSMAN = "ombudsman", _("Diteruskan ke Ombudsman RI")


TERMINAL_STATUSES = frozenset({Status.FORWARDED, Status.ARCHIVED, Status.CLOSED, Status.OMBUDSMAN})
AGENCY_STATUSES = frozenset(
    {
        Status.DISPOSED,
        Status.ACCEPTED,
        Status.IN_DIVISION,
        Status.AWAITING_CLARIFICATION,
        Status.DRAFT_REVIEW,
        Status.DRAFT_APPROVED,
    }
)
# Statuses in which a report may appear on the public list (if not rahasia).
PUBLIC_STATUSES = frozenset(AGENCY_STATUSES | {Status.VERIFIED, Status.FOLLOWED_UP, Status.CLOSED})
