"""How far a clock is from its deadline, in words and as a CSS class."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tuntas.standards.models import Unit
from tuntas.workdays.engine import WorkCalendar, working_days_between, working_minutes_between

SOON = timedelta(hours=24)


def due_class(due: datetime | None, now: datetime, cal: WorkCalendar) -> str:
    """``overdue`` when past, ``due-soon`` within 24 hours or one working day, else ''."""
    if due is None:
        return ""
    if due < now:
        return "overdue"
    if due - now <= SOON or working_days_between(cal, now, due) <= 1:
        return "due-soon"
    return ""


def _amount(n: int, unit: str) -> str:
    if unit == Unit.WORKING_MINUTES:
        return ngettext("%(n)s menit kerja", "%(n)s menit kerja", n) % {"n": n}
    if unit == Unit.CALENDAR_DAYS:
        return ngettext("%(n)s hari", "%(n)s hari", n) % {"n": n}
    return ngettext("%(n)s hari kerja", "%(n)s hari kerja", n) % {"n": n}


def _between(cal: WorkCalendar, start: datetime, end: datetime, unit: str) -> int:
    if unit == Unit.WORKING_MINUTES:
        return working_minutes_between(cal, start, end)
    if unit == Unit.CALENDAR_DAYS:
        return (end - start).days
    return working_days_between(cal, start, end)


def remaining_text(due: datetime | None, now: datetime, unit: str, cal: WorkCalendar) -> str:
    """'Sisa 3 hari kerja', 'Jatuh tempo hari ini' or 'Terlambat 2 hari kerja'."""
    if due is None:
        return _("Tanpa tenggat")
    if due >= now:
        n = _between(cal, now, due, unit)
        if n <= 0:
            return _("Jatuh tempo hari ini")
        return _("Sisa %(amount)s") % {"amount": _amount(n, unit)}
    n = _between(cal, due, now, unit)
    if n <= 0:
        return _("Terlambat (kurang dari %(amount)s)") % {"amount": _amount(1, unit)}
    return _("Terlambat %(amount)s") % {"amount": _amount(n, unit)}


def paused_text(remaining: int | None, unit: str) -> str:
    return _("Sisa %(amount)s saat dijeda") % {"amount": _amount(remaining or 0, unit)}
