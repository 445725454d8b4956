"""Regional changes to the national working-day calendar, kept per Pemda."""

from __future__ import annotations

from datetime import time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from tuntas.organisations.models import OrganisationKind

PEMDA_ONLY = {"kind": OrganisationKind.PEMDA.value}


class AdjustmentKind(models.TextChoices):
    HOLIDAY = "holiday", _("Hari libur daerah")
    WORKING_DAY = (
        "working_day",
        _("Hari kerja (libur nasional/cuti bersama dibatalkan, atau akhir pekan masuk kerja)"),
    )


class CalendarAdjustment(models.Model):
    """One date a Pemda treats differently from the national calendar.

    ``HOLIDAY`` adds a regional day off. ``WORKING_DAY`` on a weekday cancels a
    national holiday or *cuti bersama*; on a Saturday or Sunday it makes that day
    an extra working day.
    """

    Kind = AdjustmentKind

    pemda = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("pemerintah daerah"),
        on_delete=models.CASCADE,
        limit_choices_to=PEMDA_ONLY,
        related_name="calendar_adjustments",
    )
    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=16, choices=AdjustmentKind.choices)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("penyesuaian kalender kerja")
        verbose_name_plural = _("penyesuaian kalender kerja")
        ordering = ["pemda", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "date"], name="workdays_adjustment_unique_pemda_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} – {self.get_kind_display()}"

    def clean(self) -> None:
        super().clean()
        if self.pemda_id is not None and self.pemda.kind != OrganisationKind.PEMDA:
            raise ValidationError({"pemda": _("Pilih sebuah pemerintah daerah.")})


class WorkSchedule(models.Model):
    """The daily working hours of a Pemda (the window used for working minutes)."""

    pemda = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("pemerintah daerah"),
        on_delete=models.CASCADE,
        limit_choices_to=PEMDA_ONLY,
        related_name="work_schedule",
    )
    work_start = models.TimeField(_("jam mulai kerja"), default=time(8, 0))
    work_end = models.TimeField(_("jam selesai kerja"), default=time(16, 0))

    class Meta:
        verbose_name = _("jam kerja")
        verbose_name_plural = _("jam kerja")
        ordering = ["pemda"]

    def __str__(self) -> str:
        return f"{self.work_start:%H:%M}–{self.work_end:%H:%M}"

    def clean(self) -> None:
        super().clean()
        if self.pemda_id is not None and self.pemda.kind != OrganisationKind.PEMDA:
            raise ValidationError({"pemda": _("Pilih sebuah pemerintah daerah.")})
        if (
            self.work_start is not None
            and self.work_end is not None
            and self.work_end <= self.work_start
        ):
            raise ValidationError(
                {"work_end": _("Jam selesai kerja harus lebih lambat dari jam mulai kerja.")}
            )


# Keep the per-process calendar cache (tuntas.workdays.calendars) in step with
# changes made in this process. Other processes rely on the cache's time limit.


@receiver(post_save, sender=CalendarAdjustment)
@receiver(post_delete, sender=CalendarAdjustment)
@receiver(post_save, sender=WorkSchedule)
@receiver(post_delete, sender=WorkSchedule)
def _forget_pemda_calendar(
    sender: type[models.Model], instance: CalendarAdjustment | WorkSchedule, **kwargs: Any
) -> None:
    from tuntas.workdays.calendars import clear_calendar_cache

    clear_calendar_cache(instance.pemda_id)


@receiver(post_save, sender="organisations.Organisation")
@receiver(post_delete, sender="organisations.Organisation")
def _forget_organisation_calendar(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    # A new Pemda may reuse the primary key of a deleted one (SQLite, tests).
    from tuntas.workdays.calendars import clear_calendar_cache

    clear_calendar_cache(instance.pk)
