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

from dataclasses import dataclass
from datetime import datetime

from django.utils import formats
from django.utils.translation import gettext as _

from tuntas.audit.models import Visibility
from tuntas.reports.clocks import OWED_STEPS
from tuntas.reports.models import Clock
from tuntas.reports.sweep.batch import Item
from tuntas.reports.transitions import Action
from tuntas.standards.models import Step, Unit
from tuntas.workdays.calendars import calendar_for


@dataclass(frozen=True)
class Rule:
    action: Action
    visibility: Visibility


RULES: dict[Step, Rule] = {
    Step.AUTO_CLOSE: Rule(Action.CLOSE, Visibility.PUBLIC),
    Step.OMBUDSMAN: Rule(Action.FORWARD_OMBUDSMAN, Visibility.PUBLIC),
    Step.COMPLETION: Rule(Action.ARCHIVE, Visibility.PUBLIC),
    Step.INTERVENTION_PEMDA: Rule(Action.INTERVENE_PEMDA, Visibility.STAFF),
    Step.INTERVENTION_NATIONAL: Rule(Action.INTERVENE_NATIONAL, Visibility.STAFF),
}
OVERDUE = Rule(Action.MARK_OVERDUE, Visibility.STAFF)
REMINDER = Rule(Action.REMIND, Visibility.STAFF)
SILENT_STEPS = frozenset({Step.REPORTER_REPLY})


def rule_for(step: Step | str) -> Rule | None:
    """The rule for a clock of ``step`` that ran out; None when nothing is to be done."""
    step = Step(step)
    if step in RULES:
        return RULES[step]
    if step in SILENT_STEPS or step not in OWED_STEPS:
        return None
    return OVERDUE


def local_label(clock: Clock, moment: datetime) -> str:
    """``moment`` in the responsible organisation's local time, as people read it."""
    tz = calendar_for(clock.organisation).tz if clock.organisation is not None else None
    local = moment.astimezone(tz) if tz is not None else moment
    return formats.date_format(local, "j F Y H:i")


def limit_label(clock: Clock) -> str:
    return f"{clock.amount} {Unit(clock.unit).label}"


def item_for(rule: Rule, clock: Clock, now: datetime) -> Item:
    """What to record and set on the report when ``clock`` runs out under ``rule``."""
    report = clock.report
    step = Step(clock.step)
    limit = limit_label(clock)
    data = {
        "step": str(step),
        "clock": clock.pk,
        "due_at": clock.due_at.isoformat() if clock.due_at else None,
    }
    if rule.action == Action.CLOSE:
        reason = _(
            "Ditutup otomatis: tidak ada tanggapan dalam %(limit)s setelah tindak lanjut "
            "disampaikan."
        ) % {"limit": limit}
        return Item(report, reason, data, {"closed_at": now, "close_reason": "auto"})
    if rule.action == Action.FORWARD_OMBUDSMAN:
        reason = _(
            "Diteruskan otomatis ke Ombudsman RI: belum ada tindak lanjut dalam %(limit)s "
            "sejak disposisi."
        ) % {"limit": limit}
        return Item(report, reason, data, {"forwarded_to": "Ombudsman RI"})
    if rule.action == Action.ARCHIVE:
        reason = _(
            "Data dukung tidak dilengkapi: batas waktu melengkapi data (%(limit)s) terlewati."
        ) % {"limit": limit}
        return Item(
            report,
            reason,
            {**data, "reason_code": "incomplete"},
            {"archive_reason": "incomplete", "closed_at": now},
        )
    if rule.action == Action.INTERVENE_PEMDA:
        reason = _(
            "OPD belum menindaklanjuti dalam %(limit)s sejak disposisi: admin pemerintah daerah "
            "diminta melakukan intervensi."
        ) % {"limit": limit}
        return Item(report, reason, data)
    if rule.action == Action.INTERVENE_NATIONAL:
        reason = _(
            "OPD belum menindaklanjuti dalam %(limit)s sejak disposisi: admin nasional diminta "
            "melakukan intervensi."
        ) % {"limit": limit}
        return Item(report, reason, data)
    due = local_label(clock, clock.due_at) if clock.due_at else ""
    extra = {"step": str(step), "due_label": due, "division_id": None}
    if rule.action == Action.REMIND:
        reason = _("Batas waktu %(step)s (%(limit)s) berakhir %(due)s.") % {
            "step": step.label,
            "limit": limit,
            "due": due,
        }
    else:
        reason = _("Batas waktu %(step)s (%(limit)s) terlewati sejak %(due)s.") % {
            "step": step.label,
            "limit": limit,
            "due": due,
        }
    return Item(report, reason, data, {}, extra)
