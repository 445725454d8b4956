"""The end of a report: the reporter's reply, close, reopen, Ombudsman."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.audit.models import Visibility
from tuntas.core.errors import ValidationFailed
from tuntas.organisations.models import Role
from tuntas.reports.access import lead_assignment
from tuntas.reports.actions.base import ActionContext, report_action
from tuntas.reports.actions.inputs import (
    BETWEEN_STAFF,
    READ_BY_REPORTER,
    ActionInput,
    Number,
    Problems,
    Text,
    described,
)
from tuntas.reports.clocks import ALL
from tuntas.reports.declarations import Audience, Effects, Hearer, StaffSurface
from tuntas.reports.hooks import ChangeContext
from tuntas.reports.models import (
    AssignmentState,
    CloseReason,
    DraftState,
    Feedback,
    FollowUp,
    Report,
    Status,
)
from tuntas.reports.transitions import AGENCY_OPEN, REPORTER, SYSTEM, Action
from tuntas.standards.models import Step

S = Status
R = Role
H = Hearer


RATING = Number(gettext_lazy("Penilaian (1-5)"), minimum=1, maximum=5)


def _rating_problems(rating: int | None) -> Problems:
    if rating is not None and not 1 <= rating <= 5:
        return {"rating": [_("Penilaian harus 1 sampai 5.")]}
    return {}


def _published(rep: Report) -> FollowUp:
    """The follow-up the reporter answers (a followed-up report always has one)."""
    found = rep.followups.filter(state=DraftState.PUBLISHED).order_by("-published_at").first()
    if found is None:
        raise ValidationFailed({"followup": [_("Belum ada tindak lanjut yang disampaikan.")]})
    return found


def _finish_assignments(rep: Report, now: datetime) -> None:
    rep.assignments.filter(state=AssignmentState.ACCEPTED).update(
        state=AssignmentState.DONE, closed_at=now
    )


@dataclass(frozen=True, kw_only=True)
class SatisfiedInput(ActionInput):
    rating: int | None = field(
        default=None,
        metadata=described(Number(gettext_lazy("Penilaian (1-5)"), minimum=1, maximum=5)),
    )
    comment: str = field(default="", metadata=described(Text(gettext_lazy("Komentar"))))

    def problems(self, *, now: datetime) -> Problems:
        return _rating_problems(self.rating)


@report_action(
    Action.REPLY_SATISFIED,
    sources={S.FOLLOWED_UP},
    target=S.CLOSED,
    actors={REPORTER},
    label=gettext_lazy("Puas (Y)"),
    effects=Effects(stop=ALL),
    audience=Audience(staff=(H.LIAISONS, H.COORDINATORS)),
)
def reply_satisfied(ctx: ActionContext, data: SatisfiedInput) -> Report:
    rep, now = ctx.report, ctx.now
    Feedback.objects.create(
        report=rep,
        followup=_published(rep),
        satisfied=True,
        rating=data.rating,
        comment=data.comment,
        created_at=now,
    )
    rep.closed_at = now
    rep.close_reason = CloseReason.SATISFIED
    _finish_assignments(rep, now)
    ctx.record(reason=data.comment, data={"rating": data.rating})
    return rep


@dataclass(frozen=True, kw_only=True)
class NotSatisfiedInput(ActionInput):
    comment: str = field(
        metadata=described(
            Text(
                gettext_lazy("Mengapa Anda belum puas"),
                message=gettext_lazy("Jelaskan mengapa Anda belum puas."),
            )
        )
    )
    rating: int | None = field(
        default=None,
        metadata=described(Number(gettext_lazy("Penilaian (1-5)"), minimum=1, maximum=5)),
    )

    def problems(self, *, now: datetime) -> Problems:
        return _rating_problems(self.rating)


@report_action(
    Action.REPLY_NOT_SATISFIED,
    sources={S.FOLLOWED_UP},
    target=S.IN_DIVISION,
    actors={REPORTER},
    label=gettext_lazy("Tidak puas (T)"),
    # Not satisfied: the agency drafts again, and the Ombudsman rule runs on from where the
    # answer paused it (a report answered without one gets it now).
    effects=Effects(
        stop=(Step.REPORTER_REPLY, Step.AUTO_CLOSE),
        resume=(Step.OMBUDSMAN,),
        restart=(Step.DRAFTING,),
        start=(Step.OMBUDSMAN,),
    ),
    audience=Audience(staff=(H.LIAISONS, H.AGENCY_HEADS, H.DIVISION_STAFF, H.COORDINATORS)),
)
def reply_not_satisfied(ctx: ActionContext, data: NotSatisfiedInput) -> Report:
    """Tidak puas (T): back to the agency to draft again (seed 001 step 7)."""
    rep = ctx.report
    Feedback.objects.create(
        report=rep,
        followup=_published(rep),
        satisfied=False,
        rating=data.rating,
        comment=data.comment,
        created_at=ctx.now,
    )
    lead = lead_assignment(rep)
    ctx.record(
        reason=data.comment,
        data={"rating": data.rating},
        concerned=ChangeContext(division_id=lead.division_id if lead else None),
    )
    return rep


@dataclass(frozen=True, kw_only=True)
class CloseInput(ActionInput):
    note: str = field(
        default="",
        metadata=described(
            Text(
                gettext_lazy("Catatan penutupan"),
                doc="Note for the timeline.",
                help=READ_BY_REPORTER,
            )
        ),
    )


@report_action(
    Action.CLOSE,
    sources={S.FOLLOWED_UP},
    target=S.CLOSED,
    actors={R.COORDINATOR, SYSTEM},
    label=gettext_lazy("Tutup laporan"),
    effects=Effects(stop=ALL),
    audience=Audience(staff=(H.LIAISONS,), reporter=True),
    staff=StaffSurface(done=gettext_lazy("Laporan ditutup."), summary="Close a followed-up report"),
)
def close_report(ctx: ActionContext, data: CloseInput) -> Report:
    """Close after a follow-up: by the coordinator, or by the system after the silent window."""
    rep = ctx.report
    rep.closed_at = ctx.now
    rep.close_reason = CloseReason.AUTO if ctx.actor.is_system else CloseReason.COORDINATOR
    _finish_assignments(rep, ctx.now)
    ctx.record(reason=data.note)
    return rep


@dataclass(frozen=True, kw_only=True)
class ReopenInput(ActionInput):
    reason: str = field(
        metadata=described(
            Text(
                gettext_lazy("Alasan dibuka kembali"),
                doc="Why the report is reopened.",
                help=BETWEEN_STAFF,
                message=gettext_lazy("Jelaskan alasan laporan dibuka kembali."),
            )
        )
    )


@report_action(
    Action.REOPEN,
    sources={S.CLOSED},
    target=S.ACCEPTED,
    actors={R.COORDINATOR},
    label=gettext_lazy("Buka kembali"),
    effects=Effects(start=(Step.INTERNAL_DISPOSITION,)),
    audience=Audience(staff=(H.LIAISONS, H.AGENCY_HEADS), reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Laporan dibuka kembali."),
        summary="Reopen a closed report (back to its agency)",
    ),
    internal_reason=True,
)
def reopen_report(ctx: ActionContext, data: ReopenInput) -> Report:
    rep = ctx.report
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
    ctx.record(reason=data.reason)
    return rep


@dataclass(frozen=True, kw_only=True)
class OmbudsmanInput(ActionInput):
    note: str = field(
        default="",
        metadata=described(
            Text(gettext_lazy("Catatan untuk Ombudsman RI"), doc="Note for the timeline.")
        ),
    )


@report_action(
    Action.FORWARD_OMBUDSMAN,
    sources=AGENCY_OPEN,
    target=S.OMBUDSMAN,
    actors={R.COORDINATOR, R.NATIONAL_ADMIN, SYSTEM},
    label=gettext_lazy("Teruskan ke Ombudsman RI"),
    effects=Effects(stop=ALL),
    audience=Audience(staff=(H.COORDINATORS, H.LIAISONS), reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Laporan diteruskan ke Ombudsman RI."),
        summary="Forward the report to Ombudsman RI",
        danger=True,
    ),
)
def forward_to_ombudsman(ctx: ActionContext, data: OmbudsmanInput) -> Report:
    """No follow-up within the Ombudsman threshold: Ombudsman RI facilitates it to the end."""
    ctx.report.forwarded_to = "Ombudsman RI"
    ctx.record(reason=data.note, visibility=Visibility.PUBLIC)
    return ctx.report
