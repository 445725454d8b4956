"""Per-report and per-clock facts the dashboard aggregates in SQL.

The working-day figures need the working-day engine (Python, per report); at a million
reports that cannot run per page view, so ``tuntas.kpi.facts`` computes them once per
change and stores them here. Nothing else writes these tables.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportFact(models.Model):
    """One report, reduced to what the KPIs count (derived data, rebuilt at will)."""

    report = models.OneToOneField(
        "reports.Report", primary_key=True, on_delete=models.CASCADE, related_name="kpi_fact"
    )
    pemda = models.ForeignKey(
        "organisations.Organisation", null=True, on_delete=models.CASCADE, related_name="+"
    )
    lead_agency = models.ForeignKey(
        "organisations.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    category = models.ForeignKey(
        "reference.Category", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    classification = models.ForeignKey(
        "reference.Classification", on_delete=models.CASCADE, related_name="+"
    )
    channel = models.ForeignKey("reference.Channel", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=32)
    created_at = models.DateTimeField()
    # The received date and its month in the Pemda's time zone: the dashboard's period.
    created_date = models.DateField()
    created_month = models.DateField()
    # Whole working days from receipt (the engine's count, as the clocks count them).
    wd_verify = models.PositiveIntegerField(null=True)
    wd_dispose = models.PositiveIntegerField(null=True)
    wd_first_answer = models.PositiveIntegerField(null=True)
    wd_close = models.PositiveIntegerField(null=True)
    needs_followup = models.BooleanField(default=False)  # disposed or answered
    followed_up = models.BooleanField(default=False)
    followed_up_within_limit = models.BooleanField(default=False)
    escalated = models.BooleanField(default=False)
    ombudsman = models.BooleanField(default=False)
    satisfied = models.BooleanField(null=True)  # the reporter's last Y/T; None = no reply
    closed_once = models.BooleanField(default=False)
    reopened = models.BooleanField(default=False)
    # What the fact was computed from: a report whose values differ is refreshed.
    source_changed_at = models.DateTimeField()
    source_escalation = models.CharField(max_length=16, blank=True)
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("fakta kinerja laporan")
        verbose_name_plural = _("fakta kinerja laporan")
        indexes = [
            models.Index(fields=["pemda", "created_date"]),
            models.Index(fields=["lead_agency", "created_date"]),
            models.Index(fields=["created_date"]),
        ]

    def __str__(self) -> str:
        return f"fact {self.report_id}"


class ClockFact(models.Model):
    """A stopped clock of a step the organisation owes, measured against its limit."""

    clock = models.OneToOneField(
        "reports.Clock", primary_key=True, on_delete=models.CASCADE, related_name="kpi_fact"
    )
    # Deleted explicitly before their report fact (and with their clock), so deleting a
    # batch of report facts needs no per-row cascade in Python.
    fact = models.ForeignKey(ReportFact, on_delete=models.DO_NOTHING, related_name="clock_facts")
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, on_delete=models.CASCADE, related_name="+"
    )
    step = models.CharField(max_length=32)
    unit = models.CharField(max_length=20)
    amount = models.PositiveIntegerField()
    actual = models.IntegerField()  # in ``unit``, pauses left out
    overrun = models.IntegerField()  # actual - amount; > 0 = late
    met = models.BooleanField()
    started_at = models.DateTimeField()
    stopped_at = models.DateTimeField()

    class Meta:
        verbose_name = _("fakta kepatuhan langkah")
        verbose_name_plural = _("fakta kepatuhan langkah")
        indexes = [models.Index(fields=["organisation", "step"]), models.Index(fields=["overrun"])]

    def __str__(self) -> str:
        return f"clock fact {self.clock_id}"


class RefreshState(models.Model):
    """When the facts were last brought up to date (one row)."""

    finished_at = models.DateTimeField(null=True)
    # Audit events from this moment on (less a margin) mark the reports to refresh next.
    watermark = models.DateTimeField(null=True)
    reports = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = _("pembaruan data kinerja")
        verbose_name_plural = _("pembaruan data kinerja")

    def __str__(self) -> str:
        return str(self.finished_at)
