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
    # When the roll-ups were last built from all the facts (None: never; the next
    # refresh builds them, and until then the dashboard reads the facts).
    rollups_built_at = models.DateTimeField(null=True)
    # The moment the overdue cells count late steps at (None: never counted).
    overdue_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("pembaruan data kinerja")
        verbose_name_plural = _("pembaruan data kinerja")

    def __str__(self) -> str:
        return str(self.finished_at)


class Rollup(models.Model):
    """The report facts summed per period and organisation (derived data, rebuilt at will).

    One row per *cuboid* (which dimensions it keeps), grain (a day or a month), period
    and the kept dimensions' values; a dimension the cuboid does not keep is 0, and so
    is "none" (no lead agency yet, no category). Maintained by ``tuntas.kpi.rollups`` in
    the same transaction that refreshes the facts, so the dashboard reads a number of
    rows that grows with days and organisations, never with reports.
    """

    cuboid = models.PositiveSmallIntegerField()
    grain = models.CharField(max_length=1)  # "d": one day, "m": one month
    period = models.DateField()  # the day, or the first of the month
    month = models.DateField()  # the first of the period's month
    pemda_id = models.BigIntegerField(default=0)
    agency_id = models.BigIntegerField(default=0)
    category_id = models.BigIntegerField(default=0)
    channel_id = models.BigIntegerField(default=0)
    classification_id = models.BigIntegerField(default=0)
    total = models.IntegerField(default=0)
    needs_followup = models.IntegerField(default=0)
    followed_up = models.IntegerField(default=0)
    within_limit = models.IntegerField(default=0)
    escalated = models.IntegerField(default=0)
    ombudsman = models.IntegerField(default=0)
    feedback = models.IntegerField(default=0)
    satisfied = models.IntegerField(default=0)
    closed_once = models.IntegerField(default=0)
    reopened = models.IntegerField(default=0)
    # Working days from receipt: how many reports have the figure, and their sum.
    n_verify = models.IntegerField(default=0)
    sum_verify = models.BigIntegerField(default=0)
    n_dispose = models.IntegerField(default=0)
    sum_dispose = models.BigIntegerField(default=0)
    n_first_answer = models.IntegerField(default=0)
    sum_first_answer = models.BigIntegerField(default=0)
    n_close = models.IntegerField(default=0)
    sum_close = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rekap kinerja")
        verbose_name_plural = _("rekap kinerja")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "cuboid",
                    "grain",
                    "period",
                    "pemda_id",
                    "agency_id",
                    "category_id",
                    "channel_id",
                    "classification_id",
                ],
                name="kpi_rollup_key",
            )
        ]
        # A Pemda's or an agency's view reads only its own rows.
        indexes = [
            models.Index(fields=["cuboid", "pemda_id", "period"], name="kpi_rollup_pemda"),
            models.Index(fields=["cuboid", "agency_id", "period"], name="kpi_rollup_agency"),
        ]

    def __str__(self) -> str:
        return f"rollup {self.cuboid}/{self.grain}/{self.period}"


class RollupHistogram(models.Model):
    """How many reports of a roll-up cell took each duration (in tenths of a working
    day): the medians come from these counts, exact to that resolution."""

    cuboid = models.PositiveSmallIntegerField()
    grain = models.CharField(max_length=1)
    period = models.DateField()
    month = models.DateField()
    pemda_id = models.BigIntegerField(default=0)
    agency_id = models.BigIntegerField(default=0)
    category_id = models.BigIntegerField(default=0)
    channel_id = models.BigIntegerField(default=0)
    classification_id = models.BigIntegerField(default=0)
    measure = models.PositiveSmallIntegerField()  # index into selectors.DURATIONS
    bucket = models.IntegerField()  # tenths of a working day
    count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("sebaran waktu kinerja")
        verbose_name_plural = _("sebaran waktu kinerja")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "cuboid",
                    "grain",
                    "period",
                    "pemda_id",
                    "agency_id",
                    "category_id",
                    "channel_id",
                    "classification_id",
                    "measure",
                    "bucket",
                ],
                name="kpi_rollup_histogram_key",
            )
        ]
        indexes = [
            models.Index(fields=["cuboid", "pemda_id", "period"], name="kpi_histogram_pemda"),
            models.Index(fields=["cuboid", "agency_id", "period"], name="kpi_histogram_agency"),
        ]

    def __str__(self) -> str:
        return f"histogram {self.cuboid}/{self.grain}/{self.period}/{self.measure}"


class OverdueCell(models.Model):
    """Open measured steps past their deadline at ``RefreshState.overdue_at``, counted
    per responsible organisation and the report's Pemda, category, channel and
    classification (rebuilt by every refresh, so the dashboard counts cells, not clocks;
    0 = none)."""

    organisation_id = models.BigIntegerField(default=0)
    pemda_id = models.BigIntegerField(default=0)
    category_id = models.BigIntegerField(default=0)
    channel_id = models.BigIntegerField(default=0)
    classification_id = models.BigIntegerField(default=0)
    count = models.IntegerField()
    oldest_due = models.DateTimeField()

    class Meta:
        verbose_name = _("langkah terlambat")
        verbose_name_plural = _("langkah terlambat")

    def __str__(self) -> str:
        return f"overdue {self.organisation_id}: {self.count}"
