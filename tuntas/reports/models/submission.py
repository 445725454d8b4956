from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionKey(models.Model):
    """One submitted form (or one API ``Idempotency-Key``) → one report.

    Written in the same transaction as the report; the unique ``key`` makes a replay or
    a concurrent second post of the same form fail at the database, never a second
    report (see ``tuntas/reports/submissions.py``). ``key`` and ``fingerprint`` are
    keyed hashes: the token or header itself is never stored.
    """

    key = models.CharField(_("kunci pengiriman"), max_length=64, unique=True)
    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="submission_key"
    )
    # What was submitted (a keyed hash of the validated input and the files): a replay
    # with other content under the same key is refused instead of answered.
    fingerprint = models.CharField(max_length=64)
    # The access code, sealed with a pad only the holder of the key can derive, so a
    # replay by the same sender may show it again (within SubmissionKey.REVEAL_SECONDS).
    sealed_code = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("kunci pengiriman")
        verbose_name_plural = _("kunci pengiriman")

    def __str__(self) -> str:
        return f"{self.key[:12]}… → {self.report_id}"
