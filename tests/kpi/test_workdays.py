"""The fast day counter gives exactly the engine's working-day counts."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from tuntas.kpi.workdays import DayCounter
from tuntas.workdays.engine import WorkCalendar, working_days_between

WITA = ZoneInfo("Asia/Makassar")


def test_counts_equal_the_engine_in_any_order() -> None:
    cal = WorkCalendar(
        tz=WITA,
        added_holidays=frozenset({date(2026, 3, 3)}),
        removed_holidays=frozenset({date(2026, 1, 1)}),
        extra_working_days=frozenset({date(2026, 2, 7)}),
    )
    counter = DayCounter(cal)
    rng = random.Random(5)
    base = datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC"))
    for _ in range(400):
        a = base + timedelta(hours=rng.randrange(0, 24 * 500))
        b = base + timedelta(hours=rng.randrange(-24 * 60, 24 * 500))
        assert counter.between(a, b) == working_days_between(cal, a, b), (a, b)


def test_late_evening_utc_is_the_next_local_day() -> None:
    cal = WorkCalendar(tz=WITA)
    counter = DayCounter(cal)
    # Friday 16:30 UTC is Saturday 00:30 WITA: Friday -> Monday is one working day.
    friday = datetime(2026, 10, 9, 16, 30, tzinfo=ZoneInfo("UTC"))
    monday = datetime(2026, 10, 12, 1, 0, tzinfo=ZoneInfo("UTC"))
    assert counter.between(friday, monday) == working_days_between(cal, friday, monday) == 1
