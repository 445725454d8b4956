"""Admin pages for the regional working-day calendar."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tuntas.workdays.calendars import clear_calendar_cache
from tuntas.workdays.engine import national_holidays
from tuntas.workdays.models import CalendarAdjustment, WorkSchedule

WEEKDAYS = (
    _("Senin"),
    _("Selasa"),
    _("Rabu"),
    _("Kamis"),
    _("Jumat"),
    _("Sabtu"),
    _("Minggu"),
)


@admin.register(CalendarAdjustment)
class CalendarAdjustmentAdmin(admin.ModelAdmin[CalendarAdjustment]):
    list_display = ("date", "weekday", "pemda", "kind", "description", "national_holiday")
    list_filter = ("pemda", "kind")
    date_hierarchy = "date"
    search_fields = ("description", "pemda__name", "pemda__short_name")
    list_select_related = ("pemda",)
    ordering = ("-date",)

    @admin.display(description=_("hari"))
    def weekday(self, obj: CalendarAdjustment) -> str:
        return str(WEEKDAYS[obj.date.weekday()])

    @admin.display(description=_("libur nasional"))
    def national_holiday(self, obj: CalendarAdjustment) -> str:
        return national_holidays(obj.date.year).get(obj.date, "—")

    def save_model(
        self, request: HttpRequest, obj: CalendarAdjustment, form: ModelForm[Any], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        clear_calendar_cache(obj.pemda_id)

    def delete_model(self, request: HttpRequest, obj: CalendarAdjustment) -> None:
        super().delete_model(request, obj)
        clear_calendar_cache(obj.pemda_id)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarAdjustment]) -> None:
        super().delete_queryset(request, queryset)
        clear_calendar_cache()


@admin.register(WorkSchedule)
class WorkScheduleAdmin(admin.ModelAdmin[WorkSchedule]):
    list_display = ("pemda", "work_start", "work_end")
    list_select_related = ("pemda",)
    search_fields = ("pemda__name", "pemda__short_name")

    def save_model(
        self, request: HttpRequest, obj: WorkSchedule, form: ModelForm[Any], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        clear_calendar_cache(obj.pemda_id)

    def delete_model(self, request: HttpRequest, obj: WorkSchedule) -> None:
        super().delete_model(request, obj)
        clear_calendar_cache(obj.pemda_id)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[WorkSchedule]) -> None:
        super().delete_queryset(request, queryset)
        clear_calendar_cache()
