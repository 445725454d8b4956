"""What the sweep does when each kind of clock runs out, from the service standard.

| step run out                  | action                         | seed                 |
|-------------------------------|--------------------------------|----------------------|
| auto-close window             | close (no reply from reporter) | 001, 003 SOP 2, 004  |
| Ombudsman threshold           | forward to Ombudsman RI        | 001, 003 SOP 2, 004  |
| completion window (tunda)     | archive: data not completed    | 003, 004             |
| Pemda intervention threshold  | Pemda admin intervenes         | 003 SOP 1 (> 5 days) |
| national intervention         | national admin intervenes      | 003 SOP 1 (15-30 WD) |
| any step someone owes         | overdue notice to its owners   | Mutu Baku, all seeds |
| reporter's reply window       | nothing: the auto-close acts   |                      |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import formats
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from tuntas.audit.models import Visibility
from tuntas.reports.clocks import OWED_STEPS
from tuntas.reports.hooks import ChangeContext
from tuntas.reports.models import ArchiveReason, Clock, CloseReason
from tuntas.reports.sweep.batch import Item
from tuntas.reports.transitions import Action
from tuntas.standards.models import Step, Unit
from tuntas.workdays.calendars import Calendars

Updates = Callable[[datetime], dict[str, Any]]


def _no_updates(now: datetime) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Rule:
    """The action a clock that runs out leads to, and what it records: the reason (with
    the limit as ``%(limit)s``), extra audit data and the report fields it sets."""

    action: Action
    visibility: Visibility
    reason: StrOrPromise = ""
    data: tuple[tuple[str, str], ...] = ()
    updates: Updates = _no_updates


RULES: dict[Step, Rule] = {
    Step.AUTO_CLOSE: Rule(
        Action.CLOSE,
        Visibility.PUBLIC,
        gettext_lazy(
            "Ditutup otomatis: tidak ada tanggapan dalam %(limit)s setelah tindak lanjut "
            "disampaikan."
        ),
        updates=lambda now: {"closed_at": now, "close_reason": CloseReason.AUTO},
    ),
    Step.OMBUDSMAN: Rule(
        Action.FORWARD_OMBUDSMAN,
        Visibility.PUBLIC,
        gettext_lazy(
            "Diteruskan otomatis ke Ombudsman RI: belum ada tindak lanjut dalam %(limit)s "
            "sejak disposisi."
        ),
        updates=lambda now: {"forwarded_to": "Ombudsman RI"},
    ),
    Step.COMPLETION: Rule(
        Action.ARCHIVE,
        Visibility.PUBLIC,
        gettext_lazy(
            "Data dukung tidak dilengkapi: batas waktu melengkapi data (%(limit)s) terlewati."
        ),
        data=(("reason_code", ArchiveReason.INCOMPLETE),),
        updates=lambda now: {"archive_reason": ArchiveReason.INCOMPLETE, "closed_at": now},
    ),
    Step.INTERVENTION_PEMDA: Rule(
        Action.INTERVENE_PEMDA,
        Visibility.STAFF,
        gettext_lazy(
            "OPD belum menindaklanjuti dalam %(limit)s sejak disposisi: admin pemerintah daerah "
            "diminta melakukan intervensi."
        ),
    ),
    Step.INTERVENTION_NATIONAL: Rule(
        Action.INTERVENE_NATIONAL,
        Visibility.STAFF,
        gettext_lazy(
            "OPD belum menindaklanjuti dalam %(limit)s sejak disposisi: admin nasional diminta "
            "melakukan intervensi."
        ),
    ),
}
# Notices about a step someone owes name the step and its deadline.
OVERDUE = Rule(
    Action.MARK_OVERDUE,
    Visibility.STAFF,
    gettext_lazy("Batas waktu %(step)s (%(limit)s) terlewati sejak %(due)s."),
)
REMINDER = Rule(
    Action.REMIND,
    Visibility.STAFF,
    gettext_lazy("Batas waktu %(step)s (%(limit)s) berakhir %(due)s."),
)
SILENT_STEPS = frozenset({Step.REPORTER_REPLY})


def rule_for(step: Step | str) -> Rule | None:
    """The rule for a clock of ``step`` that ran out; None when nothing is to be done."""
    step = Step(step)
    if step in RULES:
        return RULES[step]
    if step in SILENT_STEPS or step not in OWED_STEPS:
        return None
    return OVERDUE


def local_label(clock: Clock, moment: datetime, calendars: Calendars) -> str:
    """``moment`` in the responsible organisation's local time, as people read it."""
    return formats.date_format(moment.astimezone(calendars.of(clock.organisation).tz), "j F Y H:i")


def item_for(rule: Rule, clock: Clock, now: datetime, calendars: Calendars) -> Item:
    """What to record and set on the report when ``clock`` runs out under ``rule``."""
    step = Step(clock.step)
    notice = rule.action in (Action.MARK_OVERDUE, Action.REMIND)
    # Only notices name the deadline, in the organisation's local time.
    due = local_label(clock, clock.due_at, calendars) if notice and clock.due_at else ""
    values = {"limit": f"{clock.amount} {Unit(clock.unit).label}", "step": step.label, "due": due}
    data = {
        "step": str(step),
        "clock": clock.pk,
        "due_at": clock.due_at.isoformat() if clock.due_at else None,
        **dict(rule.data),
    }
    concerned = ChangeContext(step=step, due_label=due) if notice else ChangeContext()
    return Item(clock.report, str(rule.reason) % values, data, rule.updates(now), concerned)
