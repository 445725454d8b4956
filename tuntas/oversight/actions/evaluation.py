"""Monitoring and evaluation records (seed 003 SOP 4), checked against ``EVALUATION_TABLE``.

The complaint team writes a record (site visit, meeting with the reported agencies,
analysis, meeting with the community) with its minutes, attachments and the reports it
concerns, and submits it; the Kepala Dinas approves it or returns it with a note; the
team archives it once approved.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.oversight import access
from tuntas.oversight.actions.common import notify_users, now_or
from tuntas.oversight.models import (
    EvaluationAttachment,
    EvaluationKind,
    EvaluationRecord,
)
from tuntas.oversight.transitions import (
    APPROVER,
    EVALUATION_AUDIT,
    TEAM,
    EvaluationMove,
    EvaluationTransition,
    evaluation_transition,
)
from tuntas.reports.actions.base import latest_local_date
from tuntas.reports.models import Report
from tuntas.reports.uploads import CheckedFile

MAX_ATTACHMENTS = 10
TRACKING_SPLIT = re.compile(r"[\s,;]+")


@dataclass
class EvaluationInput:
    kind: str
    title: str
    held_on: date | None
    place: str
    participants: str
    minutes: str
    tracking_ids: list[str] = field(default_factory=list)
    agencies: list[Organisation] = field(default_factory=list)


def parse_tracking_ids(text: str) -> list[str]:
    """Tracking IDs typed in a box, separated by spaces, commas or new lines."""
    seen: dict[str, None] = {}
    for part in TRACKING_SPLIT.split(text or ""):
        if part.strip():
            seen.setdefault(part.strip().upper(), None)
    return list(seen)


def record_link(record: EvaluationRecord) -> str:
    return reverse("oversight:evaluation_detail", args=[record.pk])


def _validate(pemda: Organisation, data: EvaluationInput, now: datetime) -> list[Report]:
    errors: dict[str, list[str]] = {}
    if data.kind not in EvaluationKind.values:
        errors["kind"] = [_("Pilih jenis kegiatan.")]
    for name, value, limit in (
        ("title", data.title, 200),
        ("place", data.place, 200),
        ("participants", data.participants, 10000),
        ("minutes", data.minutes, 50000),
    ):
        if not (value or "").strip():
            errors[name] = [_("Wajib diisi.")]
        elif len(value) > limit:
            errors[name] = [_("Terlalu panjang (maksimal %(n)s karakter).") % {"n": limit}]
    if data.held_on is None:
        errors["held_on"] = [_("Isi tanggal kegiatan.")]
    elif data.held_on > latest_local_date(now):
        errors["held_on"] = [_("Tanggal kegiatan tidak boleh di masa depan.")]
    reports = list(Report.objects.filter(pemda=pemda, tracking_id__in=data.tracking_ids))
    missing = sorted(set(data.tracking_ids) - {r.tracking_id for r in reports})
    if missing:
        errors["tracking_ids"] = [
            _("Nomor laporan tidak ditemukan di pemerintah daerah ini: %(ids)s")
            % {"ids": ", ".join(missing)}
        ]
    outside = [a for a in data.agencies if (a.get_pemda() or a).pk != pemda.pk]
    if outside:
        errors["agencies"] = [_("Instansi harus berada di pemerintah daerah ini.")]
    if errors:
        raise ValidationFailed(errors)
    return reports


def _store(record: EvaluationRecord, files: list[CheckedFile], actor: User, now: datetime) -> None:
    if record.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ValidationFailed(
            {"attachments": [_("Maksimal %(n)s lampiran.") % {"n": MAX_ATTACHMENTS}]}
        )
    number = record.attachments.count()
    for f in files:
        number += 1
        # A neutral name, as for a report's files: the uploaded name is never kept.
        name = f"evaluasi-{record.pk}-{number}.{f.extension}"
        attachment = EvaluationAttachment(
            record=record,
            original_name=name,
            content_type=f.content_type,
            size=len(f.content),
            sha256=hashlib.sha256(f.content).hexdigest(),
            uploaded_by=actor,
            created_at=now,
        )
        attachment.file.save(name, ContentFile(f.content), save=False)
        attachment.save()


def _require_team(actor: User, pemda: Organisation) -> None:
    if not access.pemda_roles(actor).get(pemda.pk, frozenset()) & access.TEAM_ROLES:
        raise PermissionDenied(
            _("Hanya tim pengelola pengaduan (admin utama, Kasi, Kabid) yang dapat melakukannya."),
            code="not_your_step",
        )


def _audit(
    record: EvaluationRecord,
    action: AuditAction,
    source: str,
    actor: User,
    now: datetime,
    note: str = "",
) -> None:
    record_event(
        action=action,
        actor=actor,
        now=now,
        organisation=record.pemda,
        from_status=source,
        to_status=record.state,
        reason=note,
        data={"evaluation_record": record.pk, "kind": record.kind},
    )


@transaction.atomic
def create_evaluation_record(
    *,
    pemda: Organisation,
    data: EvaluationInput,
    files: list[CheckedFile] = [],  # noqa: B006  # read only
    actor: User,
    now: datetime | None = None,
) -> EvaluationRecord:
    now = now_or(now)
    if pemda.kind != OrganisationKind.PEMDA:
        raise ValidationFailed({"pemda": [_("Pilih pemerintah daerah.")]})
    _require_team(actor, pemda)
    reports = _validate(pemda, data, now)
    assert data.held_on is not None
    record = EvaluationRecord.objects.create(
        pemda=pemda,
        kind=data.kind,
        title=data.title.strip(),
        held_on=data.held_on,
        place=data.place.strip(),
        participants=data.participants.strip(),
        minutes=data.minutes.strip(),
        created_by=actor,
        created_at=now,
    )
    record.reports.set(reports)
    record.agencies.set(data.agencies)
    _store(record, files, actor, now)
    _audit(record, AuditAction.EVALUATION_CREATE, "", actor, now)
    return record


def _lock(record: EvaluationRecord | int, actor: User) -> EvaluationRecord:
    pk = record.pk if isinstance(record, EvaluationRecord) else record
    locked = (
        EvaluationRecord.objects.select_for_update(of=("self",))
        .select_related("pemda")
        .filter(pk=pk)
        .first()
    )
    if locked is None or locked.pemda_id not in access.readable_pemdas(actor):
        raise NotFound(_("Catatan pemantauan tidak ditemukan."), code="evaluation_not_found")
    return locked


def _check(locked: EvaluationRecord, move: EvaluationMove, actor: User) -> EvaluationTransition:
    row = evaluation_transition(move, locked.state)
    if row is None:
        raise Conflict(
            _("Langkah ini tidak dapat dilakukan: catatan berstatus “%(state)s”.")
            % {"state": locked.get_state_display()},
            code="wrong_state",
            extra={"move": str(move), "state": locked.state},
        )
    if row.actor == TEAM:
        _require_team(actor, locked.pemda)
    elif row.actor == APPROVER and not access.is_approver(actor, locked.pemda):
        raise PermissionDenied(
            _("Hanya Kepala Dinas yang dapat menyetujui atau mengembalikan catatan ini."),
            code="not_your_step",
        )
    return row


@transaction.atomic
def update_evaluation_record(
    record: EvaluationRecord | int,
    *,
    data: EvaluationInput,
    files: list[CheckedFile] = [],  # noqa: B006  # read only
    actor: User,
    now: datetime | None = None,
) -> EvaluationRecord:
    now = now_or(now)
    locked = _lock(record, actor)
    _check(locked, EvaluationMove.EDIT, actor)
    reports = _validate(locked.pemda, data, now)
    assert data.held_on is not None
    locked.kind = data.kind
    locked.title = data.title.strip()
    locked.held_on = data.held_on
    locked.place = data.place.strip()
    locked.participants = data.participants.strip()
    locked.minutes = data.minutes.strip()
    locked.save()
    locked.reports.set(reports)
    locked.agencies.set(data.agencies)
    _store(locked, files, actor, now)
    _audit(locked, AuditAction.EVALUATION_EDIT, locked.state, actor, now)
    return locked


def _move(
    record: EvaluationRecord | int,
    move: EvaluationMove,
    *,
    actor: User,
    note: str,
    now: datetime | None,
) -> EvaluationRecord:
    now = now_or(now)
    locked = _lock(record, actor)
    row = _check(locked, move, actor)
    note = (note or "").strip()
    if row.note_required and not note:
        raise ValidationFailed(
            {"note": [_("Tuliskan apa yang perlu diperbaiki.")]},
            _("Catatan pengembalian wajib diisi."),
        )
    source = locked.state
    locked.state = row.target
    if move == EvaluationMove.SUBMIT:
        locked.submitted_at = now
    elif move in (EvaluationMove.APPROVE, EvaluationMove.RETURN):
        locked.decided_by = actor
        locked.decided_at = now
        locked.decision_note = note
    elif move == EvaluationMove.ARCHIVE:
        locked.archived_at = now
    locked.save()
    _audit(locked, EVALUATION_AUDIT[move], source, actor, now, note)
    link = record_link(locked)
    key = f"oversight:evaluation:{locked.pk}:{move}:{now.isoformat()}"
    if move == EvaluationMove.SUBMIT:
        notify_users(
            access.approvers(locked.pemda),
            event="evaluation_submit",
            key=key,
            subject=_("Catatan pemantauan menunggu persetujuan: %(title)s")
            % {"title": locked.title},
            body=_("%(who)s mengajukan catatan pemantauan dan evaluasi.")
            % {"who": actor.display_name},
            link=link,
            now=now,
            exclude=actor,
        )
    elif move in (EvaluationMove.APPROVE, EvaluationMove.RETURN):
        subject = (
            _("Catatan pemantauan disetujui: %(title)s")
            if move == EvaluationMove.APPROVE
            else _("Catatan pemantauan dikembalikan: %(title)s")
        ) % {"title": locked.title}
        notify_users(
            [locked.created_by],
            event=f"evaluation_{move}",
            key=key,
            subject=subject,
            body=note or subject,
            link=link,
            now=now,
            exclude=actor,
        )
    return locked


@transaction.atomic
def submit_evaluation_record(
    record: EvaluationRecord | int, *, actor: User, now: datetime | None = None
) -> EvaluationRecord:
    return _move(record, EvaluationMove.SUBMIT, actor=actor, note="", now=now)


@transaction.atomic
def approve_evaluation_record(
    record: EvaluationRecord | int, *, actor: User, note: str = "", now: datetime | None = None
) -> EvaluationRecord:
    return _move(record, EvaluationMove.APPROVE, actor=actor, note=note, now=now)


@transaction.atomic
def return_evaluation_record(
    record: EvaluationRecord | int, *, actor: User, note: str, now: datetime | None = None
) -> EvaluationRecord:
    return _move(record, EvaluationMove.RETURN, actor=actor, note=note, now=now)


@transaction.atomic
def archive_evaluation_record(
    record: EvaluationRecord | int, *, actor: User, now: datetime | None = None
) -> EvaluationRecord:
    return _move(record, EvaluationMove.ARCHIVE, actor=actor, note="", now=now)


def apply_evaluation_move(
    record: EvaluationRecord | int,
    move: EvaluationMove,
    *,
    actor: User,
    note: str = "",
    now: datetime | None = None,
) -> EvaluationRecord:
    if move == EvaluationMove.SUBMIT:
        return submit_evaluation_record(record, actor=actor, now=now)
    if move == EvaluationMove.APPROVE:
        return approve_evaluation_record(record, actor=actor, note=note, now=now)
    if move == EvaluationMove.RETURN:
        return return_evaluation_record(record, actor=actor, note=note, now=now)
    if move == EvaluationMove.ARCHIVE:
        return archive_evaluation_record(record, actor=actor, now=now)
    raise NotFound(_("Langkah tidak dikenal."), code="unknown_move")


__all__ = [
    "EvaluationInput",
    "apply_evaluation_move",
    "approve_evaluation_record",
    "archive_evaluation_record",
    "create_evaluation_record",
    "parse_tracking_ids",
    "return_evaluation_record",
    "submit_evaluation_record",
    "update_evaluation_record",
]
