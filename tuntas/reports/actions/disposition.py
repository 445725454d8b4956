"""Disposition to agencies: dispose, accept, return a wrong one, transfer."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.organisations.models import Organisation, OrganisationKind, Role
from tuntas.reference.models import CategoryRoute
from tuntas.reports.access import capacities, lead_assignment, support_assignments
from tuntas.reports.actions.base import ActionContext, Actor, authorize, report_action
from tuntas.reports.actions.inputs import (
    BETWEEN_STAFF,
    ActionInput,
    NoInput,
    Organisations,
    Text,
    described,
)
from tuntas.reports.clocks import ESCALATION
from tuntas.reports.declarations import Audience, Effects, Hearer, StaffSurface
from tuntas.reports.hooks import ChangeContext
from tuntas.reports.models import Assignment, AssignmentState, Report, Status
from tuntas.reports.transitions import (
    AGENCY_OPEN,
    SAME,
    TABLE,
    Action,
    Transition,
    TransitionNotAllowed,
    transition_for,
)
from tuntas.standards.models import Step

PING_PONG_THRESHOLD = 2
S = Status
R = Role
H = Hearer


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


def agencies_of(report: Report) -> QuerySet[Organisation]:
    """The active agencies of the report's Pemda: what a disposition may choose from."""
    return Organisation.objects.filter(
        kind=OrganisationKind.AGENCY, parent_id=report.pemda_id, is_active=True
    ).order_by("name")


def routed_agency(report: Report) -> int | None:
    """The agency the category routes to in this Pemda, else the one the reporter named."""
    if report.category_id and report.pemda_id:
        route = (
            CategoryRoute.objects.filter(category=report.category, pemda=report.pemda)
            .values_list("agency_id", flat=True)
            .first()
        )
        if route is not None:
            return route
    return report.requested_agency_id


def _routed_list(report: Report) -> list[int]:
    routed = routed_agency(report)
    return [routed] if routed is not None else []


@dataclass(frozen=True, kw_only=True)
class DisposeInput(ActionInput):
    agencies: tuple[Organisation, ...] = field(
        metadata=described(
            Organisations(
                gettext_lazy("OPD yang menangani"),
                doc="Codes of the agencies (OPD) that handle the report.",
                kind=OrganisationKind.AGENCY,
                many=True,
                options=agencies_of,
                initial=_routed_list,
                checkboxes=True,
            )
        )
    )
    lead: Organisation | None = field(
        default=None,
        metadata=described(
            Organisations(
                gettext_lazy("OPD utama (penanggung jawab)"),
                doc="Code of the lead agency; the first agency if omitted.",
                help=gettext_lazy("OPD utama harus termasuk OPD yang dipilih di atas."),
                kind=OrganisationKind.AGENCY,
                options=agencies_of,
                initial=routed_agency,
                form_required=True,
            )
        ),
    )
    instructions: str = field(
        default="",
        metadata=described(
            Text(
                gettext_lazy("Arahan disposisi"),
                doc="Instructions to the agencies.",
                help=BETWEEN_STAFF,
            )
        ),
    )


@report_action(
    Action.DISPOSE,
    sources={S.VERIFIED},
    target=S.DISPOSED,
    actors={R.COORDINATOR},
    label=gettext_lazy("Disposisi ke OPD"),
    effects=Effects(stop=(Step.DISPOSITION,), start=(Step.AGENCY_ACCEPTANCE, *ESCALATION)),
    audience=Audience(staff=(H.LIAISONS,), reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Laporan didisposisikan ke OPD."),
        summary="Dispose the report to one or more agencies (one leads)",
    ),
    internal_reason=True,
)
def dispose_report(ctx: ActionContext, data: DisposeInput) -> Report:
    rep, now = ctx.report, ctx.now
    agencies = list(dict.fromkeys(data.agencies))
    lead = _check_agencies(rep, agencies, data.lead)
    for agency in agencies:
        Assignment.objects.create(
            report=rep,
            agency=agency,
            is_lead=agency == lead,
            disposed_by=ctx.actor.user,
            disposed_at=now,
            instructions=data.instructions,
        )
    rep.lead_agency = lead
    rep.first_disposed_at = rep.first_disposed_at or now
    ctx.record(
        reason=data.instructions,
        data={
            "agencies": [a.pk for a in agencies],
            "lead": lead.pk,
            "agency_names": [str(a) for a in agencies],
        },
        concerned=ChangeContext(agency_ids=tuple(a.pk for a in agencies)),
    )
    return rep


def _authorize_accept(actor: Actor, rep: Report) -> tuple[Transition, str]:
    """The lead agency's liaison accepts (``accept``); a supporting agency acknowledges
    its part while the report is open (``accept_support``)."""
    try:
        return authorize(actor, rep, Action.ACCEPT)
    except (PermissionDenied, TransitionNotAllowed) as refused:
        user = actor.user
        if user is None or not support_assignments(user, rep):
            # Someone with no part in the report is refused as such (403); the lead's
            # own liaisons learn that the disposition was already accepted (409).
            if (
                isinstance(refused, TransitionNotAllowed)
                and rep.status in TABLE[Action.ACCEPT_SUPPORT].sources
                and not capacities(user, rep) & TABLE[Action.ACCEPT].actors
            ):
                raise PermissionDenied(
                    _("Tidak ada disposisi yang menunggu diterima oleh OPD Anda.")
                ) from refused
            raise
        return transition_for(Action.ACCEPT_SUPPORT, rep.status), "supporting_agency"


@report_action(
    Action.ACCEPT,
    sources={S.DISPOSED},
    target=S.ACCEPTED,
    actors={R.LIAISON_OFFICER, R.LIAISON_ADMIN},
    label=gettext_lazy("Terima disposisi"),
    effects=Effects(stop=(Step.AGENCY_ACCEPTANCE,), start=(Step.INTERNAL_DISPOSITION,)),
    audience=Audience(staff=(H.COORDINATORS,), reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Disposisi diterima."),
        summary="Accept the disposition (lead or supporting agency)",
    ),
    authorizer=_authorize_accept,
)
def accept_disposition(ctx: ActionContext, data: NoInput) -> Report:
    """The lead agency's liaison accepts; or a supporting agency acknowledges its part."""
    rep = ctx.report
    if ctx.row.action == Action.ACCEPT_SUPPORT:
        assert ctx.actor.user is not None  # checked by the authorizer
        assignment: Assignment | None = support_assignments(ctx.actor.user, rep)[0]
    else:
        assignment = lead_assignment(rep)
    if assignment is None or assignment.state != AssignmentState.PENDING:
        raise PermissionDenied(_("Tidak ada disposisi yang menunggu diterima oleh OPD Anda."))
    assignment.state = AssignmentState.ACCEPTED
    assignment.accepted_at = ctx.now
    assignment.save(update_fields=["state", "accepted_at"])
    ctx.record(data={"agency": assignment.agency_id, "agency_name": str(assignment.agency)})
    return rep


# A supporting agency's acknowledgement: taken through ``accept_disposition``.
@report_action(
    Action.ACCEPT_SUPPORT,
    sources=AGENCY_OPEN | {S.FOLLOWED_UP},
    target=SAME,
    actors={R.LIAISON_OFFICER, R.LIAISON_ADMIN},
    label=gettext_lazy("Terima disposisi (OPD pendukung)"),
    staff=StaffSurface(
        done=gettext_lazy("Disposisi sebagai OPD pendukung diterima."),
        summary="Accept the disposition (lead or supporting agency)",
        slug="accept",
    ),
    authorizer=_authorize_accept,
)
def accept_support(ctx: ActionContext, data: NoInput) -> Report:
    return accept_disposition.function(ctx, data)


@dataclass(frozen=True, kw_only=True)
class ReturnDispositionInput(ActionInput):
    reason: str = field(
        metadata=described(
            Text(
                gettext_lazy("Alasan salah disposisi"),
                doc="Why the disposition is wrong.",
                help=BETWEEN_STAFF,
                message=gettext_lazy("Jelaskan mengapa disposisi ini salah."),
            )
        )
    )


@report_action(
    Action.RETURN_DISPOSITION,
    sources={S.DISPOSED},
    target=S.VERIFIED,
    actors={R.LIAISON_OFFICER, R.LIAISON_ADMIN},
    label=gettext_lazy("Kembalikan: salah disposisi"),
    effects=Effects(stop=(Step.AGENCY_ACCEPTANCE, *ESCALATION), start=(Step.DISPOSITION,)),
    audience=Audience(staff=(H.COORDINATORS,)),
    staff=StaffSurface(
        done=gettext_lazy("Disposisi dikembalikan ke admin koordinator."),
        summary="Return a wrong disposition to the coordinator",
        danger=True,
    ),
    internal_reason=True,
)
def return_disposition(ctx: ActionContext, data: ReturnDispositionInput) -> Report:
    """Wrong disposition: the lead agency sends the report back to the coordinator."""
    rep, now, reason = ctx.report, ctx.now, data.reason
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
    ctx.record(
        reason=reason,
        data={
            "agency": agency.pk if agency else None,
            "agency_name": str(agency) if agency else "",
            "ping_pong": rep.return_count >= PING_PONG_THRESHOLD,
        },
    )
    return rep


def _other_agencies(report: Report) -> QuerySet[Organisation]:
    agencies = agencies_of(report)
    if report.lead_agency_id is not None:
        agencies = agencies.exclude(pk=report.lead_agency_id)
    return agencies.order_by("name")


@dataclass(frozen=True, kw_only=True)
class TransferInput(ActionInput):
    to_agency: Organisation = field(
        metadata=described(
            Organisations(
                gettext_lazy("Limpahkan ke OPD"),
                doc="Code of the new agency.",
                kind=OrganisationKind.AGENCY,
                options=_other_agencies,
            )
        )
    )
    reason: str = field(
        metadata=described(
            Text(
                gettext_lazy("Alasan pelimpahan"),
                doc="Why the report is transferred (pelimpahan).",
                help=BETWEEN_STAFF,
                message=gettext_lazy("Jelaskan alasan pelimpahan."),
            )
        )
    )


@report_action(
    Action.TRANSFER,
    sources={S.DISPOSED, S.ACCEPTED, S.IN_DIVISION},
    target=S.DISPOSED,
    actors={R.COORDINATOR, R.LIAISON_OFFICER},
    label=gettext_lazy("Limpahkan ke OPD lain"),
    effects=Effects(
        stop=(Step.INTERNAL_DISPOSITION, Step.DRAFTING),
        restart=(Step.AGENCY_ACCEPTANCE,),
        start=ESCALATION,
    ),
    audience=Audience(staff=(H.LIAISONS, H.COORDINATORS), reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Laporan dilimpahkan ke OPD lain."),
        summary="Pelimpahan: transfer the report to another agency",
    ),
    internal_reason=True,
)
def transfer_report(ctx: ActionContext, data: TransferInput) -> Report:
    """Pelimpahan: hand the report to another agency; the history stays."""
    rep, now, reason, to_agency = ctx.report, ctx.now, data.reason, data.to_agency
    _check_agencies(rep, [to_agency], to_agency, field="to_agency")
    current = lead_assignment(rep)
    if current is not None and current.agency_id == to_agency.pk:
        raise ValidationFailed({"to_agency": [_("Laporan sudah ditangani OPD ini.")]})
    new = Assignment.objects.create(
        report=rep,
        agency=to_agency,
        is_lead=True,
        disposed_by=ctx.actor.user,
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
    ctx.record(
        reason=reason,
        data={
            "from_agency": current.agency_id if current else None,
            "to_agency": to_agency.pk,
            "to_agency_name": str(to_agency),
            "assignment": new.pk,
            "ping_pong": rep.return_count >= PING_PONG_THRESHOLD,
        },
        concerned=ChangeContext(agency_ids=(to_agency.pk,)),
    )
    return rep
