"""Build the :class:`~tuntas.workdays.engine.WorkCalendar` of an organisation.

An organisation works by the calendar of its Pemda: the national holidays and
*cuti bersama*, changed by the Pemda's :class:`CalendarAdjustment` rows, within
the working hours of its :class:`WorkSchedule` (08:00–16:00 without one).

The time zone is the organisation's own ``timezone``; an organisation below a
Pemda that still has the default zone (WIB) takes the Pemda's zone instead, so
that only agencies that really lie in another zone need to set one.

The Pemda rules are cached per process for :data:`CACHE_SECONDS`, keyed by the
Pemda's id. Saving or deleting an adjustment or schedule in this process clears
the entry at once (signals in ``models.py`` and the admin); other processes
(other web workers, Celery) see the change when their entry expires.
"""

from __future__ import annotations

import logging
import threading
import time as _time
from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo

from tuntas.organisations.models import Organisation, TimeZoneName
from tuntas.workdays.engine import WorkCalendar
from tuntas.workdays.models import AdjustmentKind, CalendarAdjustment, WorkSchedule

__all__ = ["CACHE_SECONDS", "calendar_for", "clear_calendar_cache", "national_calendar"]

#: How long a Pemda's rules are reused before they are read again.
CACHE_SECONDS = 300.0

DEFAULT_TIMEZONE = TimeZoneName.WIB.value

_DEFAULT_HOURS = WorkCalendar(tz=ZoneInfo(DEFAULT_TIMEZONE))


@dataclass(frozen=True)
class _PemdaRules:
    added_holidays: frozenset[date]
    removed_holidays: frozenset[date]
    extra_working_days: frozenset[date]
    work_start: time
    work_end: time
    loaded_at: float


logger = logging.getLogger(__name__)

_cache: dict[int, _PemdaRules] = {}
_lock = threading.Lock()
_generation = 0  # bumped by every clear, so a load racing with a clear is not stored


def clear_calendar_cache(pemda_id: int | None = None) -> None:
    """Forget the cached rules of one Pemda, or of all Pemdas when ``pemda_id`` is None."""
    global _generation
    with _lock:
        _generation += 1
        if pemda_id is None:
            _cache.clear()
        else:
            _cache.pop(pemda_id, None)


def national_calendar(tz_name: str = DEFAULT_TIMEZONE) -> WorkCalendar:
    """The national calendar (no regional changes, 08:00–16:00) in ``tz_name``."""
    return WorkCalendar(tz=ZoneInfo(tz_name))


def _load_rules(pemda_id: int) -> _PemdaRules:
    added: set[date] = set()
    removed: set[date] = set()
    extra: set[date] = set()
    rows = CalendarAdjustment.objects.filter(pemda_id=pemda_id).values_list("date", "kind")
    for day, kind in rows:
        if kind == AdjustmentKind.HOLIDAY:
            added.add(day)
        elif day.weekday() >= 5:  # WORKING_DAY on a Saturday or Sunday
            extra.add(day)
        else:  # WORKING_DAY on a weekday: the national holiday is cancelled
            removed.add(day)
    work_start, work_end = _DEFAULT_HOURS.work_start, _DEFAULT_HOURS.work_end
    schedule = WorkSchedule.objects.filter(pemda_id=pemda_id).first()
    if schedule is not None:
        if schedule.work_start < schedule.work_end:
            work_start, work_end = schedule.work_start, schedule.work_end
        else:
            logger.warning(
                "WorkSchedule of Pemda %s ends before it starts; using default hours", pemda_id
            )
    return _PemdaRules(
        added_holidays=frozenset(added),
        removed_holidays=frozenset(removed),
        extra_working_days=frozenset(extra),
        work_start=work_start,
        work_end=work_end,
        loaded_at=_time.monotonic(),
    )


def _rules_for(pemda_id: int) -> _PemdaRules:
    with _lock:
        rules = _cache.get(pemda_id)
        generation = _generation
    if rules is not None and _time.monotonic() - rules.loaded_at < CACHE_SECONDS:
        return rules
    rules = _load_rules(pemda_id)
    with _lock:
        if generation == _generation:
            _cache[pemda_id] = rules
    return rules


def _timezone_name(org: Organisation, pemda: Organisation | None) -> str:
    own = org.timezone or DEFAULT_TIMEZONE
    if pemda is not None and pemda.pk != org.pk and own == DEFAULT_TIMEZONE:
        return pemda.timezone or DEFAULT_TIMEZONE
    return own


def calendar_for(org: Organisation) -> WorkCalendar:
    """The working calendar ``org`` works by (see the module docs)."""
    pemda = org.get_pemda()
    tz_name = _timezone_name(org, pemda)
    if pemda is None:
        return national_calendar(tz_name)
    rules = _rules_for(pemda.pk)
    return WorkCalendar(
        tz=ZoneInfo(tz_name),
        added_holidays=rules.added_holidays,
        removed_holidays=rules.removed_holidays,
        extra_working_days=rules.extra_working_days,
        work_start=rules.work_start,
        work_end=rules.work_end,
    )


class Calendars:
    """Working calendars looked up once per organisation, for one page or one batch
    (``calendar_for`` asks the database for the organisation's Pemda each time)."""

    def __init__(self) -> None:
        self._cache: dict[int | None, WorkCalendar] = {}

    def of(self, org: Organisation | None) -> WorkCalendar:
        key = org.pk if org is not None else None
        if key not in self._cache:
            self._cache[key] = calendar_for(org) if org is not None else national_calendar()
        return self._cache[key]
