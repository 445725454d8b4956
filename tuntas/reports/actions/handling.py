"""Inside the agency: internal disposition, clarification, field check, drafts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.audit.models import Visibility
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.organisations.authority import LIAISON_DRAFTER
from tuntas.organisations.models import Organisation, OrganisationKind, Role
from tuntas.reports.access import lead_assignment
from tuntas.reports.actions.base import ActionContext, latest_local_date, report_action
from tuntas.reports.actions.inputs import (
    BETWEEN_STAFF,
    ActionInput,
    Day,
    Files,
    Line,
    NoInput,
    Organisations,
    Problems,
    Text,
    described,
)
from tuntas.reports.clocks import AGENCY_DEADLINES, ESCALATION
from tuntas.reports.declarations import Audience, Effects, Hearer, StaffSurface
from tuntas.reports.hooks import ChangeContext
from tuntas.reports.models import (
    AttachmentKind,
    DraftState,
    FieldCheck,
    FollowUp,
    Message,
    MessageKind,
    Report,
    Status,
)
from tuntas.reports.transitions import HANDLING, REPORTER, SAME, Action
from tuntas.reports.uploads import CheckedFile, store
from tuntas.standards.models import Step

S = Status
R = Role
H = Hearer


def divisions_of_lead(report: Report) -> QuerySet[Organisation]:
    """The active divisions (bidang) of the report's lead agency."""
    lead = lead_assignment(report)
    return Organisation.objects.filter(
        kind=OrganisationKind.DIVISION,
        parent_id=lead.agency_id if lead else None,
        is_active=True,
    ).order_by("name")


@dataclass(frozen=True, kw_only=True)
class DisposeInternallyInput(ActionInput):
    division: Organisation = field(
        metadata=described(
            Organisations(
                gettext_lazy("Bidang"),
                doc="Code of a division (bidang) of the lead agency.",
                kind=OrganisationKind.DIVISION,
                options=divisions_of_lead,
            )
        )
    )
    instructions: str = field(
        default="",
        metadata=described(
            Text(
                gettext_lazy("Arahan kepala dinas"),
                doc="The agency head's instructions to the division.",
                help=BETWEEN_STAFF,
            )
        ),
    )


@report_action(
    Action.DISPOSE_INTERNALLY,
    sources=HANDLING,
    target=S.IN_DIVISION,
    actors={R.AGENCY_HEAD},
    label=gettext_lazy("Disposisi ke bidang"),
    effects=Effects(stop=(Step.INTERNAL_DISPOSITION,), restart=(Step.DRAFTING,)),
    audience=Audience(staff=(H.DIVISION_STAFF,)),
    staff=StaffSurface(
        done=gettext_lazy("Laporan didisposisikan ke bidang."),
        summary="Agency head: dispose the report to a division",
    ),
    internal_reason=True,
)
def dispose_internally(ctx: ActionContext, data: DisposeInternallyInput) -> Report:
    """The agency head disposes the report to a division (seed 001 step 3)."""
    rep, division = ctx.report, data.division
    lead = lead_assignment(rep)
    if lead is None:
        raise PermissionDenied(_("Laporan belum memiliki OPD penanggung jawab."))
    if division.kind != OrganisationKind.DIVISION or division.parent_id != lead.agency_id:
        raise ValidationFailed({"division": [_("Pilih bidang di lingkungan OPD Anda.")]})
    lead.division = division
    lead.division_instructions = data.instructions
    lead.division_assigned_at = ctx.now
    lead.save(update_fields=["division", "division_instructions", "division_assigned_at"])
    ctx.record(
        reason=data.instructions,
        data={"division": division.pk, "division_name": str(division)},
        visibility=Visibility.STAFF,
        concerned=ChangeContext(division_id=division.pk),
    )
    return rep


def _division_id(rep: Report) -> int | None:
    lead = lead_assignment(rep)
    return lead.division_id if lead else None


@dataclass(frozen=True, kw_only=True)
class RequestClarificationInput(ActionInput):
    question: str = field(
        metadata=described(
            Text(
                gettext_lazy("Pertanyaan untuk pelapor"),
                doc="The question for the reporter.",
                message=gettext_lazy("Tuliskan pertanyaan untuk pelapor."),
            )
        )
    )


@report_action(
    Action.REQUEST_CLARIFICATION,
    sources=HANDLING,
    target=S.AWAITING_CLARIFICATION,
    actors={R.DIVISION_STAFF, R.AGENCY_HEAD, R.LIAISON_OFFICER, R.LIAISON_ADMIN},
    label=gettext_lazy("Minta klarifikasi pelapor"),
    effects=Effects(
        pause=(Step.INTERNAL_DISPOSITION, Step.DRAFTING, *ESCALATION),
        start=(Step.CLARIFICATION,),
    ),
    audience=Audience(reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Permintaan klarifikasi dikirim ke pelapor."),
        summary="Ask the reporter a question (the report waits for the answer)",
    ),
)
def request_clarification(ctx: ActionContext, data: RequestClarificationInput) -> Report:
    rep = ctx.report
    Message.objects.create(
        report=rep,
        kind=MessageKind.CLARIFICATION_REQUEST,
        author=ctx.actor.user,
        organisation=rep.lead_agency,
        body=data.question,
        created_at=ctx.now,
    )
    ctx.record(reason=data.question, visibility=Visibility.REPORTER)
    return rep


@dataclass(frozen=True, kw_only=True)
class ClarifyInput(ActionInput):
    answer: str = field(
        metadata=described(
            Text(
                gettext_lazy("Jawaban klarifikasi"),
                message=gettext_lazy("Tuliskan jawaban klarifikasi Anda."),
            )
        )
    )
    attachments: tuple[CheckedFile, ...] = field(
        default=(), metadata=described(Files(gettext_lazy("Lampiran")))
    )


@report_action(
    Action.CLARIFY,
    sources={S.AWAITING_CLARIFICATION},
    target=S.IN_DIVISION,
    actors={REPORTER},
    label=gettext_lazy("Kirim klarifikasi"),
    effects=Effects(
        stop=(Step.CLARIFICATION,),
        resume=(Step.INTERNAL_DISPOSITION, Step.DRAFTING, *ESCALATION),
    ),
    audience=Audience(staff=(H.AGENCY_HEADS, H.LIAISONS, H.DIVISION_STAFF)),
)
def clarify(ctx: ActionContext, data: ClarifyInput) -> Report:
    rep, user = ctx.report, ctx.actor.user
    Message.objects.create(
        report=rep,
        kind=MessageKind.CLARIFICATION,
        author=user,
        body=data.answer,
        created_at=ctx.now,
    )
    if data.attachments:
        store(rep, list(data.attachments), kind=AttachmentKind.COMPLETION, user=user, now=ctx.now)
    ctx.record(
        visibility=Visibility.REPORTER, concerned=ChangeContext(division_id=_division_id(rep))
    )
    return rep


@dataclass(frozen=True, kw_only=True)
class FieldCheckInput(ActionInput):
    visited_on: date = field(
        metadata=described(
            Day(gettext_lazy("Tanggal pemeriksaan"), doc="The date of the field check.")
        )
    )
    location: str = field(
        metadata=described(
            Line(
                gettext_lazy("Lokasi pemeriksaan"),
                doc="Where the check took place.",
                max_length=300,
            )
        )
    )
    findings: str = field(
        metadata=described(Text(gettext_lazy("Hasil pemeriksaan"), doc="What was found.", rows=4))
    )
    conclusion: str = field(
        metadata=described(
            Text(gettext_lazy("Kesimpulan dan solusi"), doc="Conclusion and solution.")
        )
    )
    ba_number: str = field(
        metadata=described(
            Line(
                gettext_lazy("Nomor Berita Acara"),
                doc="Number of the Berita Acara (official record).",
                max_length=100,
            )
        )
    )
    photos: tuple[CheckedFile, ...] = field(
        default=(),
        metadata=described(
            Files(gettext_lazy("Foto pemeriksaan"), doc="Field photos (multipart/form-data).")
        ),
    )
    official_record: tuple[CheckedFile, ...] = field(
        default=(),
        metadata=described(
            Files(
                gettext_lazy("Berkas Berita Acara"),
                doc="The signed Berita Acara as PDF or photo.",
                help=gettext_lazy("PDF atau foto Berita Acara yang ditandatangani."),
            )
        ),
    )

    def problems(self, *, now: datetime) -> Problems:
        if self.visited_on > latest_local_date(now):
            return {"visited_on": [_("Tanggal pemeriksaan tidak boleh di masa depan.")]}
        return {}


@report_action(
    Action.RECORD_FIELD_CHECK,
    sources={S.IN_DIVISION},
    target=SAME,
    actors={R.DIVISION_STAFF, R.AGENCY_HEAD},
    label=gettext_lazy("Catat pemeriksaan lapangan (Berita Acara)"),
    staff=StaffSurface(
        done=gettext_lazy("Pemeriksaan lapangan dan Berita Acara tercatat."),
        summary="Record a field check with photos and the Berita Acara",
    ),
)
def record_field_check(ctx: ActionContext, data: FieldCheckInput) -> FieldCheck:
    """A field check with photos and a Berita Acara (seed 003 SOP 2 step 3)."""
    rep, now, user = ctx.report, ctx.now, ctx.user
    if rep.lead_agency is None:
        raise PermissionDenied(_("Laporan belum memiliki OPD penanggung jawab."))
    check = FieldCheck.objects.create(
        report=rep,
        agency=rep.lead_agency,
        officer=user,
        visited_on=data.visited_on,
        location=data.location,
        findings=data.findings,
        conclusion=data.conclusion,
        ba_number=data.ba_number,
        created_at=now,
    )
    store(
        rep,
        list(data.photos),
        kind=AttachmentKind.FIELD_PHOTO,
        user=user,
        now=now,
        field_check=check,
    )
    store(
        rep,
        list(data.official_record),
        kind=AttachmentKind.OFFICIAL_RECORD,
        user=user,
        now=now,
        field_check=check,
    )
    ctx.record(
        data={"field_check": check.pk, "ba_number": check.ba_number}, visibility=Visibility.STAFF
    )
    return check


def _current_draft(rep: Report) -> FollowUp:
    draft = rep.followups.filter(state=DraftState.REVIEW).order_by("-created_at").first()
    if draft is None:
        raise ValidationFailed({"draft": [_("Tidak ada rumusan yang menunggu persetujuan.")]})
    return draft


@dataclass(frozen=True, kw_only=True)
class SubmitDraftInput(ActionInput):
    body: str = field(
        metadata=described(
            Text(
                gettext_lazy("Rumusan tindak lanjut"),
                doc="The follow-up answer (rumusan tindak lanjut), at least 20 characters.",
                help=gettext_lazy(
                    "Jawaban yang akan disampaikan kepada pelapor setelah disetujui."
                ),
                rows=6,
                min_length=20,
                message=gettext_lazy("Tuliskan rumusan tindak lanjut."),
                min_message=gettext_lazy("Rumusan tindak lanjut minimal 20 karakter."),
            )
        )
    )
    attachments: tuple[CheckedFile, ...] = field(
        default=(),
        metadata=described(
            Files(gettext_lazy("Lampiran tindak lanjut"), doc="Files published with the follow-up.")
        ),
    )


@report_action(
    Action.SUBMIT_DRAFT,
    sources=HANDLING,
    target=S.DRAFT_REVIEW,
    actors={R.DIVISION_STAFF, R.LIAISON_ADMIN, R.AGENCY_HEAD, LIAISON_DRAFTER},
    label=gettext_lazy("Ajukan rumusan tindak lanjut"),
    effects=Effects(stop=(Step.INTERNAL_DISPOSITION, Step.DRAFTING), start=(Step.APPROVAL,)),
    audience=Audience(staff=(H.AGENCY_HEADS, H.LIAISON_OFFICERS)),
    staff=StaffSurface(
        done=gettext_lazy("Rumusan tindak lanjut diajukan untuk disetujui."),
        summary="Submit the follow-up draft for approval",
    ),
)
def submit_draft(ctx: ActionContext, data: SubmitDraftInput) -> FollowUp:
    rep, now, user = ctx.report, ctx.now, ctx.user
    draft = FollowUp.objects.create(
        report=rep,
        agency=rep.lead_agency,
        author=user,
        body=data.body,
        state=DraftState.REVIEW,
        created_at=now,
    )
    store(
        rep,
        list(data.attachments),
        kind=AttachmentKind.FOLLOWUP,
        user=user,
        now=now,
        followup=draft,
    )
    ctx.record(data={"draft": draft.pk}, visibility=Visibility.STAFF)
    return draft


@dataclass(frozen=True, kw_only=True)
class ApproveDraftInput(ActionInput):
    note: str = field(
        default="",
        metadata=described(
            Text(gettext_lazy("Catatan persetujuan"), doc="Reviewer's note.", help=BETWEEN_STAFF)
        ),
    )


@report_action(
    Action.APPROVE_DRAFT,
    sources={S.DRAFT_REVIEW},
    target=S.DRAFT_APPROVED,
    actors={R.AGENCY_HEAD, R.LIAISON_OFFICER},
    label=gettext_lazy("Setujui rumusan"),
    effects=Effects(stop=(Step.APPROVAL,), start=(Step.PUBLICATION,)),
    audience=Audience(staff=(H.LIAISON_ADMINS,)),
    staff=StaffSurface(
        done=gettext_lazy("Rumusan tindak lanjut disetujui."),
        summary="Approve the draft (never your own)",
    ),
    internal_reason=True,
)
def approve_draft(ctx: ActionContext, data: ApproveDraftInput) -> FollowUp:
    """Four eyes: nobody approves their own draft."""
    draft = _current_draft(ctx.report)
    user = ctx.actor.user
    if user is not None and draft.author_id == user.pk:
        raise PermissionDenied(
            _("Rumusan tidak dapat disetujui oleh penyusunnya sendiri."), code="own_draft"
        )
    draft.state = DraftState.APPROVED
    draft.reviewed_by = user
    draft.reviewed_at = ctx.now
    draft.review_note = data.note
    draft.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
    ctx.record(reason=data.note, data={"draft": draft.pk}, visibility=Visibility.STAFF)
    return draft


@dataclass(frozen=True, kw_only=True)
class ReturnDraftInput(ActionInput):
    note: str = field(
        metadata=described(
            Text(
                gettext_lazy("Yang perlu diperbaiki"),
                doc="What must be corrected.",
                help=BETWEEN_STAFF,
                message=gettext_lazy("Tuliskan apa yang perlu diperbaiki."),
            )
        )
    )


@report_action(
    Action.RETURN_DRAFT,
    sources={S.DRAFT_REVIEW},
    target=S.IN_DIVISION,
    actors={R.AGENCY_HEAD, R.LIAISON_OFFICER},
    label=gettext_lazy("Kembalikan rumusan"),
    effects=Effects(stop=(Step.APPROVAL,), restart=(Step.DRAFTING,)),
    audience=Audience(staff=(H.DRAFT_AUTHORS,)),
    staff=StaffSurface(
        done=gettext_lazy("Rumusan dikembalikan untuk diperbaiki."),
        summary="Return the draft for correction",
    ),
    internal_reason=True,
)
def return_draft(ctx: ActionContext, data: ReturnDraftInput) -> FollowUp:
    draft = _current_draft(ctx.report)
    draft.state = DraftState.RETURNED
    draft.reviewed_by = ctx.actor.user
    draft.reviewed_at = ctx.now
    draft.review_note = data.note
    draft.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
    ctx.record(
        reason=data.note,
        data={"draft": draft.pk},
        visibility=Visibility.STAFF,
        concerned=ChangeContext(authors=(draft.author,)),
    )
    return draft


@report_action(
    Action.PUBLISH_FOLLOWUP,
    sources={S.DRAFT_APPROVED},
    target=S.FOLLOWED_UP,
    actors={R.LIAISON_ADMIN, R.LIAISON_OFFICER},
    label=gettext_lazy("Sampaikan tindak lanjut"),
    # The answer ends the agency's deadlines; the 60-day Ombudsman rule only waits (paused)
    # for the reporter: a "not satisfied" reply resumes it (closing.reply_not_satisfied).
    effects=Effects(
        stop=(Step.PUBLICATION, *AGENCY_DEADLINES),
        pause=(Step.OMBUDSMAN,),
        restart=(Step.REPORTER_REPLY, Step.AUTO_CLOSE),
    ),
    audience=Audience(staff=(H.COORDINATORS,), reporter=True),
    staff=StaffSurface(
        done=gettext_lazy("Tindak lanjut disampaikan kepada pelapor."),
        summary="Publish the approved follow-up to the reporter",
    ),
)
def publish_followup(ctx: ActionContext, data: NoInput) -> FollowUp:
    rep = ctx.report
    draft = rep.followups.filter(state=DraftState.APPROVED).order_by("-created_at").first()
    if draft is None:
        raise ValidationFailed({"draft": [_("Tidak ada rumusan yang sudah disetujui.")]})
    draft.state = DraftState.PUBLISHED
    draft.published_by = ctx.actor.user
    draft.published_at = ctx.now
    draft.save(update_fields=["state", "published_by", "published_at"])
    rep.first_followup_at = rep.first_followup_at or ctx.now
    ctx.record(data={"followup": draft.pk})
    return draft
