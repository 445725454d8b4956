"""Days and quarters in a Pemda's own time zone (pure helpers, time injected)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tuntas.organisations.models import Organisation
from tuntas.workdays.calendars import calendar_for
from tuntas.workdays.engine import previous_working_day


@dataclass(frozen=True)
class Period:
    first_day: date
    last_day: date
    start: datetime  # aware, inclusive
    end: datetime  # aware, exclusive


def zone_of(org: Organisation) -> ZoneInfo:
    return calendar_for(org).tz


def day_period(org: Organisation, day: date) -> Period:
    tz = zone_of(org)
    start = datetime(day.year, day.month, day.day, tzinfo=tz)
    following = day + timedelta(days=1)
    end = datetime(following.year, following.month, following.day, tzinfo=tz)
    return Period(day, day, start, end)


def quarter_period(org: Organisation, year: int, quarter: int) -> Period:
    if quarter not in (1, 2, 3, 4):
        raise ValueError("quarter must be 1-4")
    tz = zone_of(org)
    first = date(year, 3 * quarter - 2, 1)
    following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return Period(
        first,
        following - timedelta(days=1),
        datetime(first.year, first.month, first.day, tzinfo=tz),
        datetime(following.year, following.month, following.day, tzinfo=tz),
    )


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def local_today(org: Organisation, now: datetime) -> date:
    return now.astimezone(zone_of(org)).date()


def last_ended_quarter(org: Organisation, now: datetime) -> tuple[int, int]:
    """The most recent quarter that has ended at ``now`` in the organisation's zone."""
    year, quarter = quarter_of(local_today(org, now))
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def default_recap_day(org: Organisation, now: datetime) -> date:
    """SOP 6 recaps a finished day: the previous working day on the Pemda's calendar."""
    return previous_working_day(calendar_for(org), local_today(org, now))


def is_working_day(org: Organisation, day: date) -> bool:
    return calendar_for(org).is_working_day(day)
