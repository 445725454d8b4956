"""The system's notices on one report: reminders, overdue notices, interventions.

The clock sweep records these for hundreds of reports at once (``reports.sweep``);
this is the same action for one report, with the same checks as every other action:
the table must allow it from the report's status, and only the system may take it.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_lazy

from tuntas.audit.models import Visibility
from tuntas.reports.actions.base import (
    Actor,
    action_transaction,
    authorize,
    declare,
    lock_report,
    now_or,
)
from tuntas.reports.declarations import Audience, Hearer
from tuntas.reports.hooks import ChangeBatch, ChangeContext
from tuntas.reports.models import Report
from tuntas.reports.sweep.batch import Item, act_as_system
from tuntas.reports.transitions import AGENCY_OPEN, OPEN, SAME, SYSTEM, Action
from tuntas.standards.models import Step

H = Hearer
_FUNCTION = f"{__name__}.record_system_notice"

# Reminders and overdue notices go to whoever owes the step (``notify.STEP_AUDIENCES``).
declare(
    Action.REMIND,
    sources=OPEN,
    target=SAME,
    actors={SYSTEM},
    label=gettext_lazy("Pengingat batas waktu"),
    function=_FUNCTION,
)
declare(
    Action.MARK_OVERDUE,
    sources=OPEN,
    target=SAME,
    actors={SYSTEM},
    label=gettext_lazy("Melewati batas waktu"),
    function=_FUNCTION,
)
declare(
    Action.INTERVENE_PEMDA,
    sources=AGENCY_OPEN,
    target=SAME,
    actors={SYSTEM},
    label=gettext_lazy("Intervensi admin pemerintah daerah"),
    audience=Audience(staff=(H.COORDINATORS, H.LIAISONS, H.AGENCY_HEADS)),
    function=_FUNCTION,
)
declare(
    Action.INTERVENE_NATIONAL,
    sources=AGENCY_OPEN,
    target=SAME,
    actors={SYSTEM},
    label=gettext_lazy("Intervensi admin nasional"),
    audience=Audience(staff=(H.NATIONAL_ADMINS, H.COORDINATORS, H.LIAISONS, H.AGENCY_HEADS)),
    function=_FUNCTION,
)

SYSTEM_NOTICES = frozenset(
    {Action.REMIND, Action.MARK_OVERDUE, Action.INTERVENE_PEMDA, Action.INTERVENE_NATIONAL}
)


def record_system_notice(
    report: Report | int,
    *,
    actor: Actor,
    action: Action,
    reason: str,
    step: Step | None = None,
    now: datetime | None = None,
) -> Report:
    if action not in SYSTEM_NOTICES:
        raise ValueError(f"{action} is not a system notice")
    now = now_or(now)
    with action_transaction():
        rep = lock_report(report)
        authorize(actor, rep, action)
        concerned = ChangeContext(step=step) if step is not None else ChangeContext()
        data = {"step": str(step)} if step is not None else {}
        with ChangeBatch(now) as changes:
            act_as_system(
                action,
                [Item(rep, reason, data, {}, concerned)],
                now=now,
                visibility=Visibility.STAFF,
                changes=changes,
            )
    return rep
