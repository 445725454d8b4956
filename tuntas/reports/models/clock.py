from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tuntas.standards.models import Step, Unit


class Clock(models.Model):
    """One timed step of a report, measured against the service standard."""

    report = models.ForeignKey(
        "reports.Report", verbose_name=_("laporan"), on_delete=models.CASCADE, related_name="clocks"
    )
    step = models.CharField(_("langkah"), max_length=32, choices=Step.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("penanggung jawab"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount = models.PositiveIntegerField(_("batas waktu"))
    unit = models.CharField(_("satuan"), max_length=20, choices=Unit.choices)
    started_at = models.DateTimeField(_("mulai"))
    due_at = models.DateTimeField(_("tenggat"), null=True, blank=True, db_index=True)
    paused_at = models.DateTimeField(_("dijeda"), null=True, blank=True)
    remaining = models.IntegerField(_("sisa saat dijeda"), null=True, blank=True)
    stopped_at = models.DateTimeField(_("berhenti"), null=True, blank=True)
    met = models.BooleanField(_("tepat waktu"), null=True, blank=True)
    # The sweep: a reminder before the deadline, then one action when it passes.
    remind_at = models.DateTimeField(_("pengingat"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("pengingat dikirim"), null=True, blank=True)
    acted_at = models.DateTimeField(_("ditindak sistem"), null=True, blank=True)

    class Meta:
        verbose_name = _("jam layanan")
        verbose_name_plural = _("jam layanan")
        ordering = ["started_at", "id"]
        indexes = [
            models.Index(fields=["report", "step"]),
            # What the sweep reads: small partial indexes over open, not yet handled
            # clocks only, so "nothing due" stays a few milliseconds at millions of rows.
            models.Index(
                fields=["due_at", "id"],
                name="clock_due_unhandled",
                condition=models.Q(
                    stopped_at__isnull=True, acted_at__isnull=True, due_at__isnull=False
                ),
            ),
            models.Index(
                fields=["remind_at", "id"],
                name="clock_reminder_pending",
                condition=models.Q(
                    stopped_at__isnull=True, reminded_at__isnull=True, remind_at__isnull=False
                ),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "step"],
                condition=models.Q(stopped_at__isnull=True),
                name="one_open_clock_per_step",
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.step}"

    @property
    def is_open(self) -> bool:
        return self.stopped_at is None

    @property
    def is_paused(self) -> bool:
        return self.stopped_at is None and self.paused_at is not None
