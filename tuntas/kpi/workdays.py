"""Working days counted fast for many reports, by the engine's own calendar.

``working_days_between(cal, a, b)`` counts working days ``d`` with
``a.local_date < d <= b.local_date``. For a million reports the engine's day-by-day
loop is too slow, so :class:`DayCounter` asks the same calendar
(``WorkCalendar.is_working_day``) once per date and keeps a running count: the
difference of two counts is exactly the engine's figure (the tests compare both).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from tuntas.workdays.engine import WorkCalendar

_ONE_DAY = timedelta(days=1)


class DayCounter:
    """Working-day numbers of one calendar: ``number(b) - number(a)`` is the count of
    working days in ``(a, b]``. Numbers are anchored at the first date asked (0) and
    extended one day at a time in either direction, so they never change once given."""

    def __init__(self, cal: WorkCalendar) -> None:
        self.cal = cal
        self._numbers: dict[date, int] = {}
        self._low: date | None = None
        self._high: date | None = None

    def number(self, day: date) -> int:
        found = self._numbers.get(day)
        if found is not None:
            return found
        if self._low is None or self._high is None:
            self._low = self._high = day
            self._numbers[day] = 0
            return 0
        numbers, working = self._numbers, self.cal.is_working_day
        while self._high < day:
            following = self._high + _ONE_DAY
            numbers[following] = numbers[self._high] + (1 if working(following) else 0)
            self._high = following
        while self._low > day:
            previous = self._low - _ONE_DAY
            numbers[previous] = numbers[self._low] - (1 if working(self._low) else 0)
            self._low = previous
        return numbers[day]

    def local_date(self, moment: datetime) -> date:
        return moment.astimezone(self.cal.tz).date()

    def between(self, start: datetime, end: datetime) -> int:
        """The engine's ``working_days_between(cal, start, end)``."""
        return self.number(self.local_date(end)) - self.number(self.local_date(start))
