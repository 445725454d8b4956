"""calendar_for: a Pemda's adjustments, working hours and time zone from the database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test.utils import CaptureQueriesContext

from tuntas.organisations.models import Organisation
from tuntas.workdays.admin import CalendarAdjustmentAdmin, WorkScheduleAdmin
from tuntas.workdays.calendars import calendar_for, clear_calendar_cache, national_calendar
from tuntas.workdays.engine import add_working_days, add_working_minutes
from tuntas.workdays.models import AdjustmentKind, CalendarAdjustment, WorkSchedule

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    clear_calendar_cache()
    yield
    clear_calendar_cache()


@pytest.fixture
def pemda() -> Organisation:
    return Organisation.objects.create(
        name="Pemerintah Kota Makassar",
        code="kota-makassar",
        kind="pemda",
        timezone="Asia/Makassar",
    )


@pytest.fixture
def agency(pemda: Organisation) -> Organisation:
    return Organisation.objects.create(
        name="Dinas Pekerjaan Umum", code="makassar-dpu", kind="agency", parent=pemda
    )


def test_national_calendar() -> None:
    cal = national_calendar()
    assert cal.tz == WIB
    assert cal.added_holidays == frozenset()
    assert (cal.work_start, cal.work_end) == (time(8, 0), time(16, 0))
    assert national_calendar("Asia/Jayapura").tz == WIT
    assert not cal.is_working_day(date(2025, 12, 26))


@pytest.mark.django_db
def test_pemda_without_adjustments_uses_national_calendar_in_its_zone(
    pemda: Organisation, agency: Organisation
) -> None:
    for org in (pemda, agency):
        cal = calendar_for(org)
        assert cal.tz == WITA
        assert cal.added_holidays == cal.removed_holidays == cal.extra_working_days == frozenset()
        assert (cal.work_start, cal.work_end) == (time(8, 0), time(16, 0))
        moment = datetime(2025, 12, 24, 10, 0, tzinfo=WITA)
        assert add_working_days(cal, moment, 1) == datetime(2025, 12, 29, 23, 59, 59, tzinfo=WITA)


@pytest.mark.django_db
def test_agency_with_its_own_zone_keeps_it(pemda: Organisation) -> None:
    agency = Organisation.objects.create(
        name="UPT Papua", code="upt-papua", kind="agency", parent=pemda, timezone="Asia/Jayapura"
    )
    assert calendar_for(agency).tz == WIT


@pytest.mark.django_db
def test_organisation_without_pemda_gets_national_calendar_in_its_zone() -> None:
    ministry = Organisation.objects.create(
        name="Kementerian", code="kementerian", kind="national", timezone="Asia/Jayapura"
    )
    cal = calendar_for(ministry)
    assert cal == national_calendar("Asia/Jayapura")


@pytest.mark.django_db
def test_adjustments_and_schedule_are_applied(pemda: Organisation, agency: Organisation) -> None:
    CalendarAdjustment.objects.create(
        pemda=pemda, date=date(2025, 11, 11), kind=AdjustmentKind.HOLIDAY, description="HUT Kota"
    )
    CalendarAdjustment.objects.create(
        pemda=pemda, date=date(2025, 12, 26), kind=AdjustmentKind.WORKING_DAY, description="Masuk"
    )
    CalendarAdjustment.objects.create(
        pemda=pemda, date=date(2025, 11, 8), kind=AdjustmentKind.WORKING_DAY, description="Sabtu"
    )
    WorkSchedule.objects.create(pemda=pemda, work_start=time(7, 30), work_end=time(15, 30))

    cal = calendar_for(agency)
    assert cal.tz == WITA
    assert cal.added_holidays == frozenset({date(2025, 11, 11)})
    assert cal.removed_holidays == frozenset({date(2025, 12, 26)})
    assert cal.extra_working_days == frozenset({date(2025, 11, 8)})
    assert (cal.work_start, cal.work_end) == (time(7, 30), time(15, 30))

    friday = datetime(2025, 11, 7, 10, 0, tzinfo=WITA)
    assert add_working_days(cal, friday, 1) == datetime(2025, 11, 8, 23, 59, 59, tzinfo=WITA)
    assert add_working_days(cal, friday, 2) == datetime(2025, 11, 10, 23, 59, 59, tzinfo=WITA)
    assert add_working_days(cal, friday, 3) == datetime(2025, 11, 12, 23, 59, 59, tzinfo=WITA)
    christmas_eve = datetime(2025, 12, 24, 10, 0, tzinfo=WITA)
    assert add_working_days(cal, christmas_eve, 1) == datetime(
        2025, 12, 26, 23, 59, 59, tzinfo=WITA
    )
    late_friday = datetime(2025, 11, 7, 15, 0, tzinfo=WITA)
    assert add_working_minutes(cal, late_friday, 60) == datetime(2025, 11, 8, 8, 0, tzinfo=WITA)


@pytest.mark.django_db
def test_adjustments_of_another_pemda_do_not_apply(pemda: Organisation) -> None:
    other = Organisation.objects.create(
        name="Kabupaten Gowa", code="kab-gowa", kind="pemda", timezone="Asia/Makassar"
    )
    CalendarAdjustment.objects.create(
        pemda=other, date=date(2025, 11, 11), kind=AdjustmentKind.HOLIDAY
    )
    assert calendar_for(pemda).added_holidays == frozenset()
    assert calendar_for(other).added_holidays == frozenset({date(2025, 11, 11)})


@pytest.mark.django_db
def test_cache_is_used_and_cleared(pemda: Organisation, agency: Organisation) -> None:
    from django.db import connection

    assert calendar_for(agency).added_holidays == frozenset()
    with CaptureQueriesContext(connection) as queries:
        calendar_for(agency)
        calendar_for(pemda)
    assert len(queries) == 0

    # Saving through the ORM clears this Pemda's entry at once.
    adjustment = CalendarAdjustment.objects.create(
        pemda=pemda, date=date(2025, 11, 11), kind=AdjustmentKind.HOLIDAY
    )
    assert calendar_for(agency).added_holidays == frozenset({date(2025, 11, 11)})

    # A bulk update sends no signal: the entry is stale until cleared explicitly.
    CalendarAdjustment.objects.filter(pk=adjustment.pk).update(date=date(2025, 11, 12))
    assert calendar_for(agency).added_holidays == frozenset({date(2025, 11, 11)})
    clear_calendar_cache(pemda.pk)
    assert calendar_for(agency).added_holidays == frozenset({date(2025, 11, 12)})

    adjustment.delete()
    assert calendar_for(agency).added_holidays == frozenset()


@pytest.mark.django_db
def test_schedule_must_end_after_it_starts(pemda: Organisation) -> None:
    schedule = WorkSchedule(pemda=pemda, work_start=time(16, 0), work_end=time(8, 0))
    with pytest.raises(ValidationError) as excinfo:
        schedule.full_clean()
    assert "work_end" in excinfo.value.message_dict
    WorkSchedule(pemda=pemda, work_start=time(7, 0), work_end=time(15, 0)).full_clean()


@pytest.mark.django_db
def test_adjustment_requires_a_pemda(agency: Organisation) -> None:
    adjustment = CalendarAdjustment(
        pemda=agency, date=date(2025, 11, 11), kind=AdjustmentKind.HOLIDAY
    )
    with pytest.raises(ValidationError) as excinfo:
        adjustment.full_clean()
    assert "pemda" in excinfo.value.message_dict


@pytest.mark.django_db
def test_one_adjustment_per_pemda_and_date(pemda: Organisation) -> None:
    CalendarAdjustment.objects.create(
        pemda=pemda, date=date(2025, 11, 11), kind=AdjustmentKind.HOLIDAY
    )
    duplicate = CalendarAdjustment(
        pemda=pemda, date=date(2025, 11, 11), kind=AdjustmentKind.WORKING_DAY
    )
    with pytest.raises(ValidationError):
        duplicate.full_clean()


@pytest.mark.django_db
def test_admin_registration_and_columns(pemda: Organisation) -> None:
    assert isinstance(admin.site._registry[CalendarAdjustment], CalendarAdjustmentAdmin)
    assert isinstance(admin.site._registry[WorkSchedule], WorkScheduleAdmin)
    model_admin = CalendarAdjustmentAdmin(CalendarAdjustment, admin.site)
    adjustment = CalendarAdjustment.objects.create(
        pemda=pemda, date=date(2025, 12, 26), kind=AdjustmentKind.WORKING_DAY
    )
    assert model_admin.weekday(adjustment) == "Jumat"
    assert model_admin.national_holiday(adjustment) == "Cuti Bersama Hari Raya Natal"
    plain = CalendarAdjustment(pemda=pemda, date=date(2025, 11, 11), kind=AdjustmentKind.HOLIDAY)
    assert model_admin.national_holiday(plain) == "—"
