"""Disposition to agencies: dispose, accept, return a wrong one, transfer."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.reports.access import capacities, lead_assignment, support_assignments
from tuntas.reports.actions.base import (
    Actor,
    authorize,
    change_status,
    lock_report,
    now_or,
    require_text,
)
from tuntas.reports.models import Assignment, AssignmentState, Report
from tuntas.reports.transitions import TABLE, Action, TransitionNotAllowed, transition_for

PING_PONG_THRESHOLD = 2


def _check_agencies(
    report: Report,
    agencies: list[Organisation],
    lead: Organisation | None,
    *,
    field: str = "agencies",
) -> Organisation:
    """The lead agency (the first one listed when none is named), once all agencies
    are agencies of the report's Pemda and the lead is among them."""
    errors: list[str] = []
    if not agencies:
        raise ValidationFailed({field: [_("Pilih minimal satu OPD.")]})
    lead = lead or agencies[0]
    if lead not in agencies:
        errors.append(_("OPD utama harus termasuk OPD yang dipilih."))
    for agency in agencies:
        if agency.kind != OrganisationKind.AGENCY:
            errors.append(_("%(name)s bukan perangkat daerah.") % {"name": agency})
        elif agency.get_pemda() != report.pemda:
            errors.append(_("%(name)s bukan OPD pemerintah daerah ini.") % {"name": agency})
    if errors:
        raise ValidationFailed({field: errors})
    return lead


@transaction.atomic
def dispose_report(
    report: Report | int,
    *,
    actor: User,
    agencies: list[Organisation],
    lead: Organisation | None = None,
    instructions: str = "",
    now: datetime | None = None,
) -> Report:
    now = now_or(now)
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.DISPOSE)
    agencies = list(dict.fromkeys(agencies))
    lead = _check_agencies(rep, agencies, lead)
    for agency in agencies:
        Assignment.objects.create(
            report=rep,
            agency=agency,
            is_lead=agency == lead,
            disposed_by=actor,
            disposed_at=now,
            instructions=instructions.strip(),
        )
    rep.lead_agency = lead
    rep.first_disposed_at = rep.first_disposed_at or now
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        reason=instructions.strip(),
        data={
            "agencies": [a.pk for a in agencies],
            "lead": lead.pk,
            "agency_names": [str(a) for a in agencies],
        },
        notify_extra={"agency_ids": [a.pk for a in agencies]},
    )
    return rep


@transaction.atomic
def accept_disposition(report: Report | int, *, actor: User, now: datetime | None = None) -> Report:
    """The lead agency's liaison accepts; or a supporting agency acknowledges its part."""
    now = now_or(now)
    rep = lock_report(report)
    who = Actor(user=actor)
    supports = support_assignments(actor, rep)
    lead = lead_assignment(rep)
    try:
        row, cap = authorize(who, rep, Action.ACCEPT)
        assignment = lead
    except (PermissionDenied, TransitionNotAllowed) as refused:
        # Not the lead's liaison, or the lead has already accepted: a supporting
        # agency may still acknowledge its part while the report is open.
        if not supports:
            # Someone with no part in the report is refused as such (403); the lead's
            # own liaisons learn that the disposition was already accepted (409).
            if (
                isinstance(refused, TransitionNotAllowed)
                and rep.status in TABLE[Action.ACCEPT_SUPPORT].sources
                and not capacities(actor, rep) & TABLE[Action.ACCEPT].actors
            ):
                raise PermissionDenied(
                    _("Tidak ada disposisi yang menunggu diterima oleh OPD Anda.")
                ) from refused
            raise
        row = transition_for(Action.ACCEPT_SUPPORT, rep.status)
        cap = "supporting_agency"
        assignment = supports[0]
    if assignment is None or assignment.state != AssignmentState.PENDING:
        raise PermissionDenied(_("Tidak ada disposisi yang menunggu diterima oleh OPD Anda."))
    assignment.state = AssignmentState.ACCEPTED
    assignment.accepted_at = now
    assignment.save(update_fields=["state", "accepted_at"])
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        data={"agency": assignment.agency_id, "agency_name": str(assignment.agency)},
    )
    return rep


@transaction.atomic
def return_disposition(
    report: Report | int, *, actor: User, reason: str, now: datetime | None = None
) -> Report:
    """Wrong disposition: the lead agency sends the report back to the coordinator."""
    now = now_or(now)
    reason = require_text(reason, "reason", _("Jelaskan mengapa disposisi ini salah."))
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.RETURN_DISPOSITION)
    # The whole disposition goes back: the coordinator routes it again from scratch.
    for assignment in rep.assignments.filter(
        state__in=[AssignmentState.PENDING, AssignmentState.ACCEPTED]
    ):
        assignment.state = AssignmentState.RETURNED
        assignment.closed_at = now
        assignment.end_reason = reason
        assignment.save(update_fields=["state", "closed_at", "end_reason"])
    agency = rep.lead_agency
    rep.lead_agency = None
    rep.return_count += 1
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        reason=reason,
        data={
            "agency": agency.pk if agency else None,
            "agency_name": str(agency) if agency else "",
            "ping_pong": rep.return_count >= PING_PONG_THRESHOLD,
        },
    )
    return rep


@transaction.atomic
def transfer_report(
    report: Report | int,
    *,
    actor: User,
    to_agency: Organisation,
    reason: str,
    now: datetime | None = None,
) -> Report:
    """Pelimpahan: hand the report to another agency; the history stays."""
    now = now_or(now)
    reason = require_text(reason, "reason", _("Jelaskan alasan pelimpahan."))
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.TRANSFER)
    _check_agencies(rep, [to_agency], to_agency, field="to_agency")
    current = lead_assignment(rep)
    if current is not None and current.agency_id == to_agency.pk:
        raise ValidationFailed({"to_agency": [_("Laporan sudah ditangani OPD ini.")]})
    new = Assignment.objects.create(
        report=rep,
        agency=to_agency,
        is_lead=True,
        disposed_by=actor,
        disposed_at=now,
        instructions=reason,
    )
    if current is not None:
        current.state = AssignmentState.TRANSFERRED
        current.closed_at = now
        current.end_reason = reason
        current.save(update_fields=["state", "closed_at", "end_reason"])
    rep.lead_agency = to_agency
    rep.return_count += 1
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        reason=reason,
        data={
            "from_agency": current.agency_id if current else None,
            "to_agency": to_agency.pk,
            "to_agency_name": str(to_agency),
            "assignment": new.pk,
            "ping_pong": rep.return_count >= PING_PONG_THRESHOLD,
        },
        notify_extra={"agency_ids": [to_agency.pk]},
    )
    return rep
