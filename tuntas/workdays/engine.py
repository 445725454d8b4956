"""Working-day arithmetic for complaint deadlines (pure functions, no database).

A :class:`WorkCalendar` says which local dates are working days for one regional
government (Pemda) and what its daily working window is. The functions in this
module count and add working days and working minutes against such a calendar.

Rules
=====

Time zones
    Every ``datetime`` argument must be timezone-aware; a naive one raises
    ``ValueError``. Moments are converted to ``cal.tz`` (WIB ``Asia/Jakarta``,
    WITA ``Asia/Makassar`` or WIT ``Asia/Jayapura``) before anything is computed,
    so "the local date" of a moment is its date in ``cal.tz``. Every returned
    ``datetime`` is aware and expressed in ``cal.tz``. Indonesian zones have no
    daylight-saving time, so local wall-clock arithmetic is exact.

Working days (:meth:`WorkCalendar.is_working_day`), first matching rule wins
    1. the date is in ``extra_working_days`` (e.g. a Saturday declared working) → working;
    2. the date is in ``added_holidays`` (a regional day off) → not working;
    3. Saturday or Sunday → not working;
    4. a national holiday of the ``public`` or ``government`` category of the
       ``holidays`` package (the latter holds the *cuti bersama* days) that is not
       in ``removed_holidays`` → not working;
    5. otherwise → working.

Adding working days (:func:`add_working_days`)
    ``n >= 1``: the deadline is the END of the n-th working day strictly after the
    local date of ``moment``, returned as ``23:59:59`` local time of that day (the
    time of day of ``moment`` does not matter). ``n == 0``: the end of ``moment``'s
    local date if it is a working day, otherwise the end of the next working day.
    ``n < 0`` raises ``ValueError``.

Counting working days (:func:`working_days_between`)
    The number of working days ``d`` with ``start.local_date < d <= end.local_date``;
    if ``end < start`` the result is ``-working_days_between(cal, end, start)``.
    For every ``n >= 1``:
    ``working_days_between(cal, m, add_working_days(cal, m, n)) == n``.

Working minutes
    On a working day the working window is ``[work_start, work_end)`` local time;
    there are no working minutes on other days.

    :func:`add_working_minutes` with ``k > 0``: when ``moment`` lies outside a
    window the clock starts at the next window start; ``k`` minutes are then
    consumed across windows and days. The result is exact (seconds and
    microseconds of ``moment`` are kept) and, when the last minute ends exactly
    at a window's end, the result is that window end (e.g. ``16:00``), not the next
    day's start. ``k == 0`` returns ``moment`` itself when it lies inside a window,
    otherwise the next window start. ``k < 0`` raises ``ValueError``.

    :func:`working_minutes_between` is the total time of all working windows that
    overlaps ``[start, end)``, in whole minutes rounded down (integer arithmetic);
    if ``end < start`` the result is ``-working_minutes_between(cal, end, start)``.
    For every ``k >= 0``:
    ``working_minutes_between(cal, m, add_working_minutes(cal, m, k)) == k``.

All loops step one day at a time (never one minute at a time), so 60 working days
or 10,000 working minutes cost a few dozen iterations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays

__all__ = [
    "END_OF_DAY",
    "HOLIDAY_CATEGORIES",
    "HOLIDAY_LANGUAGE",
    "WorkCalendar",
    "add_working_days",
    "add_working_minutes",
    "national_holidays",
    "next_working_day",
    "working_days_between",
    "working_minutes_between",
]

#: Categories of the ``holidays`` package counted as days off; ``government`` holds
#: the *cuti bersama* (collective leave) days.
HOLIDAY_CATEGORIES: tuple[str, ...] = ("public", "government")

#: Language of the holiday names (Indonesian, fixed so the process locale does not matter).
HOLIDAY_LANGUAGE = "id"

#: Local time of day returned for a working-day deadline.
END_OF_DAY = time(23, 59, 59)

_ONE_DAY = timedelta(days=1)
_ONE_MINUTE = timedelta(minutes=1)
_SATURDAY = 5


@lru_cache(maxsize=64)
def _holiday_table(year: int) -> Mapping[date, str]:
    table = holidays.country_holidays(
        "ID", years=year, categories=HOLIDAY_CATEGORIES, language=HOLIDAY_LANGUAGE
    )
    return MappingProxyType({day: str(name) for day, name in sorted(table.items())})


def national_holidays(year: int) -> dict[date, str]:
    """Indonesian national holidays and *cuti bersama* of ``year``, date → Indonesian name.

    The lookup behind it is cached per year (``lru_cache``); a fresh dict is
    returned so callers may modify it freely.
    """
    return dict(_holiday_table(year))


@dataclass(frozen=True)
class WorkCalendar:
    """The working days and daily working window of one Pemda (see module docs)."""

    tz: ZoneInfo
    added_holidays: frozenset[date] = frozenset()
    removed_holidays: frozenset[date] = frozenset()
    extra_working_days: frozenset[date] = frozenset()
    work_start: time = time(8, 0)
    work_end: time = time(16, 0)

    def __post_init__(self) -> None:
        if self.work_start.tzinfo is not None or self.work_end.tzinfo is not None:
            raise ValueError("work_start and work_end must be naive local times")
        if self.work_end <= self.work_start:
            raise ValueError("work_end must be later than work_start")

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.added_holidays:
            return False
        if day.weekday() >= _SATURDAY:
            return False
        return not (day in _holiday_table(day.year) and day not in self.removed_holidays)


def _local(cal: WorkCalendar, moment: datetime) -> datetime:
    """``moment`` expressed in the calendar's time zone; naive input is refused."""
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        raise ValueError("a timezone-aware datetime is required")
    return moment.astimezone(cal.tz)


def _at(cal: WorkCalendar, day: date, when: time) -> datetime:
    """The aware local moment ``when`` on ``day`` in the calendar's time zone."""
    return datetime.combine(day, when, tzinfo=cal.tz)


def next_working_day(cal: WorkCalendar, day: date) -> date:
    """The first working day strictly after ``day``."""
    day += _ONE_DAY
    while not cal.is_working_day(day):
        day += _ONE_DAY
    return day


def previous_working_day(cal: WorkCalendar, day: date) -> date:
    """The last working day strictly before ``day``."""
    day -= _ONE_DAY
    while not cal.is_working_day(day):
        day -= _ONE_DAY
    return day


def start_of_last_working_days(cal: WorkCalendar, due: datetime, days: int) -> datetime:
    """The start of the working window ``days`` working days before the end of ``due``'s day.

    With ``days=1`` that is the morning of the last working day on or before ``due``'s
    local date: when a reminder "one working day left" is due.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    day = _local(cal, due).date()
    if not cal.is_working_day(day):
        day = previous_working_day(cal, day)
    for _ in range(days - 1):
        day = previous_working_day(cal, day)
    return _at(cal, day, cal.work_start)


def add_working_days(cal: WorkCalendar, moment: datetime, days: int) -> datetime:
    """End (23:59:59 local) of the ``days``-th working day after ``moment``'s local date."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = _local(cal, moment).date()
    if days == 0:
        if not cal.is_working_day(day):
            day = next_working_day(cal, day)
    else:
        for _ in range(days):
            day = next_working_day(cal, day)
    return _at(cal, day, END_OF_DAY)


def working_days_between(cal: WorkCalendar, start: datetime, end: datetime) -> int:
    """Working days ``d`` with ``start.local_date < d <= end.local_date`` (negative if reversed)."""
    local_start, local_end = _local(cal, start), _local(cal, end)
    if local_end < local_start:
        return -working_days_between(cal, local_end, local_start)
    day, last = local_start.date(), local_end.date()
    count = 0
    while day < last:
        day += _ONE_DAY
        if cal.is_working_day(day):
            count += 1
    return count


def _window_start_at_or_after(cal: WorkCalendar, local: datetime) -> datetime:
    """``local`` if it lies inside a working window, else the next window start."""
    day = local.date()
    if cal.is_working_day(day):
        if local.time() < cal.work_start:
            return _at(cal, day, cal.work_start)
        if local.time() < cal.work_end:
            return local
    return _at(cal, next_working_day(cal, day), cal.work_start)


def add_working_minutes(cal: WorkCalendar, moment: datetime, minutes: int) -> datetime:
    """The moment at which ``minutes`` working minutes after ``moment`` have passed."""
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    current = _window_start_at_or_after(cal, _local(cal, moment))
    remaining = timedelta(minutes=minutes)
    while True:
        window_end = _at(cal, current.date(), cal.work_end)
        available = window_end - current
        if remaining <= available:
            return current + remaining
        remaining -= available
        current = _at(cal, next_working_day(cal, current.date()), cal.work_start)


def working_minutes_between(cal: WorkCalendar, start: datetime, end: datetime) -> int:
    """Whole working minutes inside ``[start, end)`` (rounded down; negative if reversed)."""
    local_start, local_end = _local(cal, start), _local(cal, end)
    if local_end < local_start:
        return -working_minutes_between(cal, local_end, local_start)
    total = timedelta(0)
    day, last = local_start.date(), local_end.date()
    while day <= last:
        if cal.is_working_day(day):
            lower = max(local_start, _at(cal, day, cal.work_start))
            upper = min(local_end, _at(cal, day, cal.work_end))
            if upper > lower:
                total += upper - lower
        day += _ONE_DAY
    return total // _ONE_MINUTE
