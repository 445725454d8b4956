"""Working-day arithmetic against the real 2025 and 2026 Indonesian calendars."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tuntas.workdays.engine import (
    WorkCalendar,
    add_working_days,
    add_working_minutes,
    national_holidays,
    next_working_day,
    working_days_between,
    working_minutes_between,
)

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")

CAL = WorkCalendar(tz=WIB)


def at(
    y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0, tz: ZoneInfo = WIB
) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=tz)


def end_of(y: int, m: int, d: int, tz: ZoneInfo = WIB) -> datetime:
    return datetime(y, m, d, 23, 59, 59, tzinfo=tz)


def assert_same(actual: datetime, expected: datetime) -> None:
    """Same instant, same wall clock and same zone (not merely an equal instant)."""
    assert actual == expected
    assert actual.replace(tzinfo=None) == expected.replace(tzinfo=None)
    assert actual.tzinfo == expected.tzinfo


# ---------------------------------------------------------------------------
# National holidays and is_working_day


NON_WORKING_DAYS = [
    # Lebaran 2025: cuti bersama Nyepi, Idul Fitri, cuti bersama
    date(2025, 3, 28),
    date(2025, 3, 31),
    date(2025, 4, 1),
    date(2025, 4, 2),
    date(2025, 4, 3),
    date(2025, 4, 4),
    date(2025, 4, 7),
    # Independence Day 2025 (a Sunday) and its cuti bersama
    date(2025, 8, 17),
    date(2025, 8, 18),
    # Christmas 2025 and cuti bersama
    date(2025, 12, 25),
    date(2025, 12, 26),
    # Nyepi + Lebaran 2026
    date(2026, 3, 18),
    date(2026, 3, 19),
    date(2026, 3, 20),
    date(2026, 3, 23),
    date(2026, 3, 24),
    # Ascension 2026 and cuti bersama; Idul Adha 2026 and cuti bersama
    date(2026, 5, 14),
    date(2026, 5, 15),
    date(2026, 5, 27),
    date(2026, 5, 28),
    # Christmas 2026: cuti bersama on the 24th
    date(2026, 12, 24),
    date(2026, 12, 25),
    # Plain weekend days
    date(2025, 11, 8),
    date(2025, 11, 9),
]

WORKING_DAYS = [
    date(2025, 3, 27),
    date(2025, 4, 8),
    date(2025, 8, 19),
    date(2025, 12, 24),
    date(2025, 12, 29),
    date(2026, 3, 17),
    date(2026, 3, 25),
    date(2026, 5, 29),
    date(2026, 12, 23),
    date(2026, 12, 28),
    date(2025, 11, 10),
]


@pytest.mark.parametrize("day", NON_WORKING_DAYS)
def test_national_holidays_and_weekends_are_not_working_days(day: date) -> None:
    assert CAL.is_working_day(day) is False


@pytest.mark.parametrize("day", WORKING_DAYS)
def test_ordinary_weekdays_are_working_days(day: date) -> None:
    assert CAL.is_working_day(day) is True


def test_national_holidays_include_cuti_bersama() -> None:
    h2025 = national_holidays(2025)
    for day in (date(2025, 3, 28), date(2025, 4, 7), date(2025, 8, 18), date(2025, 12, 26)):
        assert day in h2025
    assert date(2025, 12, 24) not in h2025
    assert h2025[date(2025, 12, 26)] == "Cuti Bersama Hari Raya Natal"
    h2026 = national_holidays(2026)
    for offset in range(7):
        assert date(2026, 3, 18) + timedelta(days=offset) in h2026
    assert date(2026, 12, 24) in h2026
    assert date(2026, 3, 25) not in h2026


def test_national_holidays_returns_a_copy() -> None:
    first = national_holidays(2025)
    first.clear()
    assert date(2025, 12, 25) in national_holidays(2025)


def test_work_hours_must_be_ordered() -> None:
    with pytest.raises(ValueError):
        WorkCalendar(tz=WIB, work_start=time(16, 0), work_end=time(8, 0))
    with pytest.raises(ValueError):
        WorkCalendar(tz=WIB, work_start=time(8, 0), work_end=time(8, 0))


def test_next_working_day() -> None:
    assert next_working_day(CAL, date(2025, 3, 27)) == date(2025, 4, 8)
    assert next_working_day(CAL, date(2025, 11, 7)) == date(2025, 11, 10)
    assert next_working_day(CAL, date(2025, 11, 10)) == date(2025, 11, 11)
    assert next_working_day(CAL, date(2026, 3, 17)) == date(2026, 3, 25)


# ---------------------------------------------------------------------------
# add_working_days


@pytest.mark.parametrize(
    ("moment", "days", "expected"),
    [
        # Across a plain weekend
        (at(2025, 11, 7, 10), 1, end_of(2025, 11, 10)),
        (at(2025, 11, 7, 10), 5, end_of(2025, 11, 14)),
        (at(2025, 11, 10, 0, 0), 1, end_of(2025, 11, 11)),
        # Friday night and Saturday night both land on Monday
        (at(2025, 11, 7, 23, 30), 1, end_of(2025, 11, 10)),
        (at(2025, 11, 8, 22, 30), 1, end_of(2025, 11, 10)),
        (at(2025, 11, 8, 22, 30), 2, end_of(2025, 11, 11)),
        # Lebaran 2025
        (at(2025, 3, 27, 9), 1, end_of(2025, 4, 8)),
        (at(2025, 3, 27, 9), 3, end_of(2025, 4, 10)),
        (at(2025, 3, 26, 9), 2, end_of(2025, 4, 8)),
        # Lebaran 2026
        (at(2026, 3, 17, 9), 1, end_of(2026, 3, 25)),
        # Christmas 2025 and 2026
        (at(2025, 12, 24, 9), 1, end_of(2025, 12, 29)),
        (at(2026, 12, 23, 9), 1, end_of(2026, 12, 28)),
        # Independence Day 2025 (Sunday) + cuti bersama Monday
        (at(2025, 8, 15, 9), 1, end_of(2025, 8, 19)),
        # Ascension 2026, Idul Adha 2026, then Vesak (Sunday) + Pancasila Monday
        (at(2026, 5, 13, 9), 1, end_of(2026, 5, 18)),
        (at(2026, 5, 26, 9), 1, end_of(2026, 5, 29)),
        (at(2026, 5, 29, 9), 1, end_of(2026, 6, 2)),
        # 10 working days across Lebaran 2025
        (at(2025, 3, 20, 14), 10, end_of(2025, 4, 14)),
        # 60 working days across Christmas, New Year, Isra Mikraj and Imlek
        (at(2025, 12, 1, 9), 60, end_of(2026, 3, 3)),
    ],
)
def test_add_working_days(moment: datetime, days: int, expected: datetime) -> None:
    assert_same(add_working_days(CAL, moment, days), expected)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2025, 11, 7, 10), end_of(2025, 11, 7)),
        (at(2025, 11, 7, 23, 59, 59), end_of(2025, 11, 7)),
        (at(2025, 11, 8, 22, 30), end_of(2025, 11, 10)),  # Saturday
        (at(2025, 12, 25, 9), end_of(2025, 12, 29)),  # Christmas
        (at(2025, 3, 28, 0, 0), end_of(2025, 4, 8)),  # Lebaran 2025
    ],
)
def test_add_zero_working_days(moment: datetime, expected: datetime) -> None:
    assert_same(add_working_days(CAL, moment, 0), expected)


def test_add_working_days_returns_local_time_for_utc_input() -> None:
    saturday_night = datetime(2025, 11, 8, 16, 30, tzinfo=UTC)  # 23:30 WIB
    assert_same(add_working_days(CAL, saturday_night, 1), end_of(2025, 11, 10))
    friday_evening = datetime(2025, 11, 7, 16, 30, tzinfo=UTC)  # Fri 23:30 WIB
    assert_same(add_working_days(CAL, friday_evening, 0), end_of(2025, 11, 7))


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(CAL, at(2025, 11, 7), -1)
    with pytest.raises(ValueError):
        add_working_minutes(CAL, at(2025, 11, 7), -1)


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2025, 11, 7, 10, 0)
    aware = at(2025, 11, 7, 10)
    with pytest.raises(ValueError):
        add_working_days(CAL, naive, 1)
    with pytest.raises(ValueError):
        add_working_minutes(CAL, naive, 1)
    with pytest.raises(ValueError):
        working_days_between(CAL, naive, aware)
    with pytest.raises(ValueError):
        working_days_between(CAL, aware, naive)
    with pytest.raises(ValueError):
        working_minutes_between(CAL, naive, aware)
    with pytest.raises(ValueError):
        working_minutes_between(CAL, aware, naive)


# ---------------------------------------------------------------------------
# working_days_between


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (at(2025, 11, 7, 10), at(2025, 11, 7, 18), 0),
        (at(2025, 11, 7, 10), at(2025, 11, 10, 1), 1),
        (at(2025, 11, 7, 10), at(2025, 11, 14, 1), 5),
        (at(2025, 3, 27, 10), at(2025, 4, 8, 9), 1),
        (at(2025, 3, 27, 10), at(2025, 4, 7, 23), 0),
        (at(2025, 12, 1, 9), end_of(2026, 3, 3), 60),
        # Mirrored
        (at(2025, 4, 8, 9), at(2025, 3, 27, 10), -1),
        (at(2025, 11, 14, 1), at(2025, 11, 7, 10), -5),
    ],
)
def test_working_days_between(start: datetime, end: datetime, expected: int) -> None:
    assert working_days_between(CAL, start, end) == expected


def test_working_days_invariant_over_two_years() -> None:
    moment = at(2025, 1, 1, 0, 17)
    stop = at(2026, 12, 20)
    checked = 0
    while moment < stop:
        previous = moment
        for days in (1, 2, 3, 5, 10, 14):
            deadline = add_working_days(CAL, moment, days)
            assert deadline > previous
            assert deadline.time() == time(23, 59, 59)
            assert CAL.is_working_day(deadline.date())
            assert working_days_between(CAL, moment, deadline) == days
            assert working_days_between(CAL, deadline, moment) == -days
            previous = deadline
            checked += 1
        moment += timedelta(hours=5, minutes=13)
    assert checked > 10_000


# ---------------------------------------------------------------------------
# Working minutes


@pytest.mark.parametrize(
    ("moment", "minutes", "expected"),
    [
        (at(2025, 11, 10, 9), 30, at(2025, 11, 10, 9, 30)),
        # Across the end of the day
        (at(2025, 11, 10, 15, 30), 60, at(2025, 11, 11, 8, 30)),
        # Finishing exactly at the window end returns the window end
        (at(2025, 11, 10, 15, 30), 30, at(2025, 11, 10, 16, 0)),
        (at(2025, 11, 10, 8, 0), 480, at(2025, 11, 10, 16, 0)),
        (at(2025, 11, 10, 8, 0), 481, at(2025, 11, 11, 8, 1)),
        # Across a weekend
        (at(2025, 11, 7, 15), 120, at(2025, 11, 10, 9)),
        # Across Christmas 2025 + cuti bersama + weekend
        (at(2025, 12, 24, 15), 90, at(2025, 12, 29, 8, 30)),
        # Across Lebaran 2025
        (at(2025, 3, 27, 15), 120, at(2025, 4, 8, 9)),
        # Outside the window: start at the next window start
        (at(2025, 11, 10, 6), 10, at(2025, 11, 10, 8, 10)),
        (at(2025, 11, 10, 17), 10, at(2025, 11, 11, 8, 10)),
        (at(2025, 11, 10, 16, 0), 10, at(2025, 11, 11, 8, 10)),
        (at(2025, 11, 8, 21), 10, at(2025, 11, 10, 8, 10)),  # Saturday night
        # Seconds are kept
        (at(2025, 11, 10, 9, 0, 30), 1, at(2025, 11, 10, 9, 1, 30)),
        (at(2025, 11, 10, 15, 59, 30), 1, at(2025, 11, 11, 8, 0, 30)),
        # 10,000 minutes = 20 full days of 480 minutes + 400 minutes
        (at(2025, 11, 10, 8), 10_000, at(2025, 12, 8, 14, 40)),
    ],
)
def test_add_working_minutes(moment: datetime, minutes: int, expected: datetime) -> None:
    assert_same(add_working_minutes(CAL, moment, minutes), expected)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2025, 11, 10, 9, 15), at(2025, 11, 10, 9, 15)),
        (at(2025, 11, 10, 8, 0), at(2025, 11, 10, 8, 0)),
        (at(2025, 11, 10, 7, 59), at(2025, 11, 10, 8, 0)),
        (at(2025, 11, 10, 16, 0), at(2025, 11, 11, 8, 0)),
        (at(2025, 11, 8, 23, 0), at(2025, 11, 10, 8, 0)),
        (at(2025, 12, 25, 10, 0), at(2025, 12, 29, 8, 0)),
    ],
)
def test_add_zero_working_minutes(moment: datetime, expected: datetime) -> None:
    assert_same(add_working_minutes(CAL, moment, 0), expected)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (at(2025, 11, 10, 9), at(2025, 11, 10, 9, 30), 30),
        (at(2025, 11, 7, 15), at(2025, 11, 10, 9), 120),
        (at(2025, 11, 10, 9), at(2025, 11, 7, 15), -120),
        (at(2025, 11, 10), at(2025, 11, 17), 5 * 480),
        (at(2025, 12, 24), at(2025, 12, 29), 480),
        (at(2025, 3, 28), at(2025, 4, 8), 0),
        (at(2025, 11, 10, 16), at(2025, 11, 11, 8), 0),
        # Rounded down
        (at(2025, 11, 10, 9), at(2025, 11, 10, 9, 0, 59), 0),
        (at(2025, 11, 10, 9, 0, 30), at(2025, 11, 10, 9, 2), 1),
        (at(2025, 11, 10, 9, 2), at(2025, 11, 10, 9, 0, 30), -1),
    ],
)
def test_working_minutes_between(start: datetime, end: datetime, expected: int) -> None:
    assert working_minutes_between(CAL, start, end) == expected


def test_working_minutes_invariant() -> None:
    checked = 0
    for first, last in (
        (at(2025, 3, 20), at(2025, 4, 15)),
        (at(2025, 12, 20), at(2026, 1, 5)),
        (at(2026, 3, 13), at(2026, 3, 27)),
    ):
        moment = first
        while moment < last:
            for minutes in (0, 1, 59, 60, 479, 480, 481, 1_000, 10_000):
                result = add_working_minutes(CAL, moment, minutes)
                assert result >= moment
                assert working_minutes_between(CAL, moment, result) == minutes
                assert working_minutes_between(CAL, result, moment) == -minutes
                checked += 1
            moment += timedelta(minutes=37, seconds=11)
    assert checked > 10_000


# ---------------------------------------------------------------------------
# WITA and WIT


def test_friday_in_jakarta_is_saturday_in_jayapura() -> None:
    moment = at(2026, 11, 27, 23, 30)  # Friday 23:30 WIB
    assert moment == at(2026, 11, 28, 1, 30, tz=WIT)
    wit = WorkCalendar(tz=WIT)
    wita = WorkCalendar(tz=WITA)
    assert_same(add_working_days(CAL, moment, 0), end_of(2026, 11, 27))
    assert_same(add_working_days(wit, moment, 0), end_of(2026, 11, 30, tz=WIT))
    assert_same(add_working_days(wita, moment, 0), end_of(2026, 11, 30, tz=WITA))
    # Thursday night in Jakarta is already Friday in Jayapura
    thursday = at(2026, 11, 26, 23, 30)
    assert_same(add_working_days(CAL, thursday, 1), end_of(2026, 11, 27))
    assert_same(add_working_days(wit, thursday, 1), end_of(2026, 11, 30, tz=WIT))
    assert working_days_between(CAL, thursday, at(2026, 11, 27, 23)) == 1
    assert working_days_between(wit, thursday, at(2026, 11, 27, 23)) == 0


def test_working_minutes_in_wit_and_wita() -> None:
    moment = at(2026, 11, 27, 15, 30)  # 15:30 WIB = 16:30 WITA = 17:30 WIT
    assert_same(add_working_minutes(CAL, moment, 10), at(2026, 11, 27, 15, 40))
    assert_same(
        add_working_minutes(WorkCalendar(tz=WITA), moment, 10), at(2026, 11, 30, 8, 10, tz=WITA)
    )
    assert_same(
        add_working_minutes(WorkCalendar(tz=WIT), moment, 10), at(2026, 11, 30, 8, 10, tz=WIT)
    )
    # 06:30 WIB = 08:30 WIT: half an hour already inside the WIT window
    morning = at(2026, 11, 27, 6, 30)
    assert working_minutes_between(WorkCalendar(tz=WIT), morning, at(2026, 11, 27, 7)) == 30
    assert working_minutes_between(CAL, morning, at(2026, 11, 27, 7)) == 0


# ---------------------------------------------------------------------------
# Regional changes


def test_added_regional_holiday() -> None:
    cal = WorkCalendar(tz=WIB, added_holidays=frozenset({date(2025, 11, 11)}))
    assert not cal.is_working_day(date(2025, 11, 11))
    assert_same(add_working_days(cal, at(2025, 11, 10, 9), 1), end_of(2025, 11, 12))
    assert_same(add_working_minutes(cal, at(2025, 11, 10, 15), 120), at(2025, 11, 12, 9))
    assert working_days_between(cal, at(2025, 11, 10), at(2025, 11, 14)) == 3


def test_removed_national_holiday() -> None:
    cal = WorkCalendar(tz=WIB, removed_holidays=frozenset({date(2025, 12, 26)}))
    assert cal.is_working_day(date(2025, 12, 26))
    assert not cal.is_working_day(date(2025, 12, 25))
    assert_same(add_working_days(cal, at(2025, 12, 24, 9), 1), end_of(2025, 12, 26))
    assert_same(add_working_minutes(cal, at(2025, 12, 24, 15), 90), at(2025, 12, 26, 8, 30))


def test_removed_holiday_on_a_weekend_stays_a_day_off() -> None:
    cal = WorkCalendar(tz=WIB, removed_holidays=frozenset({date(2025, 8, 17)}))
    assert not cal.is_working_day(date(2025, 8, 17))


def test_extra_working_saturday() -> None:
    cal = WorkCalendar(tz=WIB, extra_working_days=frozenset({date(2025, 11, 8)}))
    assert cal.is_working_day(date(2025, 11, 8))
    assert_same(add_working_days(cal, at(2025, 11, 7, 10), 1), end_of(2025, 11, 8))
    assert_same(add_working_days(cal, at(2025, 11, 7, 10), 2), end_of(2025, 11, 10))
    assert_same(add_working_minutes(cal, at(2025, 11, 7, 15, 30), 60), at(2025, 11, 8, 8, 30))
    assert working_minutes_between(cal, at(2025, 11, 8), at(2025, 11, 9)) == 480


def test_extra_working_day_wins_over_added_holiday() -> None:
    day = date(2025, 11, 8)
    cal = WorkCalendar(tz=WIB, added_holidays=frozenset({day}), extra_working_days=frozenset({day}))
    assert cal.is_working_day(day)


def test_custom_working_hours() -> None:
    cal = WorkCalendar(tz=WIB, work_start=time(7, 30), work_end=time(15, 30))
    assert_same(add_working_minutes(cal, at(2025, 11, 10, 15), 60), at(2025, 11, 11, 8, 0))
    assert_same(add_working_minutes(cal, at(2025, 11, 10, 7), 0), at(2025, 11, 10, 7, 30))
    assert working_minutes_between(cal, at(2025, 11, 10), at(2025, 11, 11)) == 480
