"""Inside the agency: internal disposition, clarification, field check, drafts."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.models import Visibility
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.reports.access import lead_assignment
from tuntas.reports.actions.base import (
    Actor,
    authorize,
    change_status,
    latest_local_date,
    lock_report,
    now_or,
    require_text,
)
from tuntas.reports.models import (
    AttachmentKind,
    DraftState,
    FieldCheck,
    FollowUp,
    Message,
    MessageKind,
    Report,
)
from tuntas.reports.transitions import Action
from tuntas.reports.uploads import CheckedFile, store


@transaction.atomic
def dispose_internally(
    report: Report | int,
    *,
    actor: User,
    division: Organisation,
    instructions: str = "",
    now: datetime | None = None,
) -> Report:
    """The agency head disposes the report to a division (seed 001 step 3)."""
    now = now_or(now)
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.DISPOSE_INTERNALLY)
    lead = lead_assignment(rep)
    if lead is None:
        raise PermissionDenied(_("Laporan belum memiliki OPD penanggung jawab."))
    if division.kind != OrganisationKind.DIVISION or division.parent_id != lead.agency_id:
        raise ValidationFailed({"division": [_("Pilih bidang di lingkungan OPD Anda.")]})
    lead.division = division
    lead.division_instructions = instructions.strip()
    lead.division_assigned_at = now
    lead.save(update_fields=["division", "division_instructions", "division_assigned_at"])
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        reason=instructions.strip(),
        data={"division": division.pk, "division_name": str(division)},
        visibility=Visibility.STAFF,
        notify_extra={"division_id": division.pk},
    )
    return rep


def _division_id(rep: Report) -> int | None:
    lead = lead_assignment(rep)
    return lead.division_id if lead else None


@transaction.atomic
def request_clarification(
    report: Report | int, *, actor: User, question: str, now: datetime | None = None
) -> Report:
    now = now_or(now)
    question = require_text(question, "question", _("Tuliskan pertanyaan untuk pelapor."))
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.REQUEST_CLARIFICATION)
    Message.objects.create(
        report=rep,
        kind=MessageKind.CLARIFICATION_REQUEST,
        author=actor,
        organisation=rep.lead_agency,
        body=question,
        created_at=now,
    )
    change_status(
        rep, row, actor=who, capacity=cap, now=now, reason=question, visibility=Visibility.REPORTER
    )
    return rep


@transaction.atomic
def clarify(
    report: Report | int,
    *,
    actor: Actor,
    answer: str,
    attachments: list[CheckedFile] | None = None,
    now: datetime | None = None,
) -> Report:
    now = now_or(now)
    answer = require_text(answer, "answer", _("Tuliskan jawaban klarifikasi Anda."))
    rep = lock_report(report)
    row, cap = authorize(actor, rep, Action.CLARIFY)
    Message.objects.create(
        report=rep, kind=MessageKind.CLARIFICATION, author=actor.user, body=answer, created_at=now
    )
    if attachments:
        store(rep, attachments, kind=AttachmentKind.COMPLETION, user=actor.user, now=now)
    change_status(
        rep,
        row,
        actor=actor,
        capacity=cap,
        now=now,
        visibility=Visibility.REPORTER,
        notify_extra={"division_id": _division_id(rep)},
    )
    return rep


@transaction.atomic
def record_field_check(
    report: Report | int,
    *,
    actor: User,
    visited_on: date,
    location: str,
    findings: str,
    conclusion: str,
    ba_number: str,
    photos: list[CheckedFile] | None = None,
    official_record: list[CheckedFile] | None = None,
    now: datetime | None = None,
) -> FieldCheck:
    """A field check with photos and a Berita Acara (seed 003 SOP 2 step 3)."""
    now = now_or(now)
    errors: dict[str, list[str]] = {}
    for name, value in (
        ("location", location),
        ("findings", findings),
        ("conclusion", conclusion),
        ("ba_number", ba_number),
    ):
        if not (value or "").strip():
            errors[name] = [_("Wajib diisi.")]
    if visited_on > latest_local_date(now):
        errors["visited_on"] = [_("Tanggal pemeriksaan tidak boleh di masa depan.")]
    if errors:
        raise ValidationFailed(errors)
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.RECORD_FIELD_CHECK)
    if rep.lead_agency is None:
        raise PermissionDenied(_("Laporan belum memiliki OPD penanggung jawab."))
    check = FieldCheck.objects.create(
        report=rep,
        agency=rep.lead_agency,
        officer=actor,
        visited_on=visited_on,
        location=location.strip(),
        findings=findings.strip(),
        conclusion=conclusion.strip(),
        ba_number=ba_number.strip(),
        created_at=now,
    )
    store(
        rep, photos or [], kind=AttachmentKind.FIELD_PHOTO, user=actor, now=now, field_check=check
    )
    store(
        rep,
        official_record or [],
        kind=AttachmentKind.OFFICIAL_RECORD,
        user=actor,
        now=now,
        field_check=check,
    )
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        data={"field_check": check.pk, "ba_number": check.ba_number},
        visibility=Visibility.STAFF,
    )
    return check


def _current_draft(rep: Report) -> FollowUp:
    draft = rep.followups.filter(state=DraftState.REVIEW).order_by("-created_at").first()
    if draft is None:
        raise ValidationFailed({"draft": [_("Tidak ada rumusan yang menunggu persetujuan.")]})
    return draft


@transaction.atomic
def submit_draft(
    report: Report | int,
    *,
    actor: User,
    body: str,
    attachments: list[CheckedFile] | None = None,
    now: datetime | None = None,
) -> FollowUp:
    now = now_or(now)
    body = require_text(body, "body", _("Tuliskan rumusan tindak lanjut."))
    if len(body) < 20:
        raise ValidationFailed({"body": [_("Rumusan tindak lanjut minimal 20 karakter.")]})
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.SUBMIT_DRAFT)
    draft = FollowUp.objects.create(
        report=rep,
        agency=rep.lead_agency,
        author=actor,
        body=body,
        state=DraftState.REVIEW,
        created_at=now,
    )
    store(rep, attachments or [], kind=AttachmentKind.FOLLOWUP, user=actor, now=now, followup=draft)
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        data={"draft": draft.pk},
        visibility=Visibility.STAFF,
    )
    return draft


@transaction.atomic
def approve_draft(
    report: Report | int, *, actor: User, note: str = "", now: datetime | None = None
) -> FollowUp:
    """Four eyes: nobody approves their own draft."""
    now = now_or(now)
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.APPROVE_DRAFT)
    draft = _current_draft(rep)
    if draft.author_id == actor.pk:
        raise PermissionDenied(
            _("Rumusan tidak dapat disetujui oleh penyusunnya sendiri."), code="own_draft"
        )
    draft.state = DraftState.APPROVED
    draft.reviewed_by = actor
    draft.reviewed_at = now
    draft.review_note = note.strip()
    draft.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        reason=note.strip(),
        data={"draft": draft.pk},
        visibility=Visibility.STAFF,
    )
    return draft


@transaction.atomic
def return_draft(
    report: Report | int, *, actor: User, note: str, now: datetime | None = None
) -> FollowUp:
    now = now_or(now)
    note = require_text(note, "note", _("Tuliskan apa yang perlu diperbaiki."))
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.RETURN_DRAFT)
    draft = _current_draft(rep)
    draft.state = DraftState.RETURNED
    draft.reviewed_by = actor
    draft.reviewed_at = now
    draft.review_note = note
    draft.save(update_fields=["state", "reviewed_by", "reviewed_at", "review_note"])
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        reason=note,
        data={"draft": draft.pk},
        visibility=Visibility.STAFF,
        notify_extra={"authors": [draft.author]},
    )
    return draft


@transaction.atomic
def publish_followup(report: Report | int, *, actor: User, now: datetime | None = None) -> FollowUp:
    now = now_or(now)
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.PUBLISH_FOLLOWUP)
    draft = rep.followups.filter(state=DraftState.APPROVED).order_by("-created_at").first()
    if draft is None:
        raise ValidationFailed({"draft": [_("Tidak ada rumusan yang sudah disetujui.")]})
    draft.state = DraftState.PUBLISHED
    draft.published_by = actor
    draft.published_at = now
    draft.save(update_fields=["state", "published_by", "published_at"])
    rep.first_followup_at = rep.first_followup_at or now
    change_status(rep, row, actor=who, capacity=cap, now=now, data={"followup": draft.pk})
    return draft
