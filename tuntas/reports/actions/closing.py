"""The end of a report: the reporter's reply, close, reopen, Ombudsman."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.models import Visibility
from tuntas.core.errors import ValidationFailed
from tuntas.reports.access import lead_assignment
from tuntas.reports.actions.base import (
    Actor,
    as_actor,
    authorize,
    change_status,
    lock_report,
    now_or,
    require_text,
)
from tuntas.reports.models import AssignmentState, DraftState, Feedback, Report
from tuntas.reports.transitions import Action


def _check_rating(rating: int | None) -> None:
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationFailed({"rating": [_("Penilaian harus 1 sampai 5.")]})


def _published(rep: Report):  # type: ignore[no-untyped-def]
    return rep.followups.filter(state=DraftState.PUBLISHED).order_by("-published_at").first()


def _finish_assignments(rep: Report, now: datetime) -> None:
    rep.assignments.filter(state=AssignmentState.ACCEPTED).update(
        state=AssignmentState.DONE, closed_at=now
    )


@transaction.atomic
def reply_satisfied(
    report: Report | int,
    *,
    actor: Actor,
    rating: int | None = None,
    comment: str = "",
    now: datetime | None = None,
) -> Report:
    now = now_or(now)
    _check_rating(rating)
    rep = lock_report(report)
    row, cap = authorize(actor, rep, Action.REPLY_SATISFIED)
    Feedback.objects.create(
        report=rep,
        followup=_published(rep),
        satisfied=True,
        rating=rating,
        comment=comment.strip(),
        created_at=now,
    )
    rep.closed_at = now
    rep.close_reason = "satisfied"
    _finish_assignments(rep, now)
    change_status(
        rep,
        row,
        actor=actor,
        capacity=cap,
        now=now,
        reason=comment.strip(),
        data={"rating": rating},
    )
    return rep


@transaction.atomic
def reply_not_satisfied(
    report: Report | int,
    *,
    actor: Actor,
    comment: str,
    rating: int | None = None,
    now: datetime | None = None,
) -> Report:
    """Tidak puas (T): back to the agency to draft again (seed 001 step 7)."""
    now = now_or(now)
    comment = require_text(comment, "comment", _("Jelaskan mengapa Anda belum puas."))
    _check_rating(rating)
    rep = lock_report(report)
    row, cap = authorize(actor, rep, Action.REPLY_NOT_SATISFIED)
    Feedback.objects.create(
        report=rep,
        followup=_published(rep),
        satisfied=False,
        rating=rating,
        comment=comment,
        created_at=now,
    )
    lead = lead_assignment(rep)
    change_status(
        rep,
        row,
        actor=actor,
        capacity=cap,
        now=now,
        reason=comment,
        data={"rating": rating},
        notify_extra={"division_id": lead.division_id if lead else None},
    )
    return rep


@transaction.atomic
def close_report(
    report: Report | int, *, actor: Actor | User, note: str = "", now: datetime | None = None
) -> Report:
    """Close after a follow-up: by the coordinator, or by the system after the silent window."""
    now = now_or(now)
    rep = lock_report(report)
    who = as_actor(actor)
    row, cap = authorize(who, rep, Action.CLOSE)
    rep.closed_at = now
    rep.close_reason = "auto" if who.is_system else "coordinator"
    _finish_assignments(rep, now)
    change_status(rep, row, actor=who, capacity=cap, now=now, reason=note.strip())
    return rep


@transaction.atomic
def reopen_report(
    report: Report | int, *, actor: User, reason: str, now: datetime | None = None
) -> Report:
    now = now_or(now)
    reason = require_text(reason, "reason", _("Jelaskan alasan laporan dibuka kembali."))
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.REOPEN)
    lead = (
        rep.assignments.filter(is_lead=True, state=AssignmentState.DONE)
        .order_by("-disposed_at")
        .first()
    )
    if lead is None:
        raise ValidationFailed(
            {"reason": [_("Laporan ini tidak memiliki OPD penanggung jawab untuk dibuka kembali.")]}
        )
    lead.state = AssignmentState.ACCEPTED
    lead.closed_at = None
    lead.save(update_fields=["state", "closed_at"])
    rep.closed_at = None
    rep.close_reason = ""
    rep.reopen_count += 1
    change_status(rep, row, actor=who, capacity=cap, now=now, reason=reason)
    return rep


@transaction.atomic
def forward_to_ombudsman(
    report: Report | int, *, actor: Actor | User, note: str = "", now: datetime | None = None
) -> Report:
    """No follow-up within the Ombudsman threshold: Ombudsman RI facilitates it to the end."""
    now = now_or(now)
    rep = lock_report(report)
    who = as_actor(actor)
    row, cap = authorize(who, rep, Action.FORWARD_OMBUDSMAN)
    rep.forwarded_to = "Ombudsman RI"
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        reason=note.strip(),
        visibility=Visibility.PUBLIC,
    )
    return rep
