"""The coordinator's first look: verify, hold, not in authority, archive."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.accounts.models import User
from tuntas.audit.models import Visibility
from tuntas.core.errors import ValidationFailed
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.reference.models import Category, Classification
from tuntas.reports.actions.base import (
    Actor,
    as_actor,
    authorize,
    change_status,
    lock_report,
    now_or,
    require_text,
)
from tuntas.reports.models import AttachmentKind, Message, MessageKind, Report
from tuntas.reports.transitions import Action
from tuntas.reports.uploads import CheckedFile, store

ARCHIVE_REASONS: dict[str, object] = {
    "not_public_service": gettext_lazy("Bukan masalah pelayanan publik"),
    "too_general": gettext_lazy("Laporan terlalu umum / tidak jelas"),
    "duplicate": gettext_lazy("Duplikat laporan lain"),
    "abusive": gettext_lazy("Mengandung unsur SARA, kebencian atau kata tidak pantas"),
    "incomplete": gettext_lazy("Data dukung tidak dilengkapi"),
    "spam": gettext_lazy("Iseng / spam"),
}


@transaction.atomic
def verify_report(
    report: Report | int,
    *,
    actor: User,
    is_anonymous: bool | None = None,
    is_confidential: bool | None = None,
    classification: Classification | None = None,
    category: Category | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Report:
    now = now_or(now)
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.VERIFY)
    changes: dict[str, object] = {}
    if is_anonymous is not None and is_anonymous != rep.is_anonymous:
        rep.is_anonymous = is_anonymous
        changes["is_anonymous"] = is_anonymous
    if is_confidential is not None and is_confidential != rep.is_confidential:
        rep.is_confidential = is_confidential
        changes["is_confidential"] = is_confidential
    if classification is not None and classification.pk != rep.classification_id:
        rep.classification = classification
        changes["classification"] = classification.code
    if category is not None and category.pk != rep.category_id:
        rep.category = category
        changes["category"] = category.pk
    rep.verified_at = now
    change_status(rep, row, actor=who, capacity=cap, now=now, reason=note.strip(), data=changes)
    return rep


@transaction.atomic
def hold_report(
    report: Report | int, *, actor: User, missing: str, now: datetime | None = None
) -> Report:
    """Tunda: ask the reporter to complete the supporting data; the clock pauses."""
    now = now_or(now)
    missing = require_text(missing, "missing", _("Sebutkan data apa yang perlu dilengkapi."))
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.HOLD)
    Message.objects.create(
        report=rep, kind=MessageKind.COMPLETION_REQUEST, author=actor, body=missing, created_at=now
    )
    change_status(
        rep, row, actor=who, capacity=cap, now=now, reason=missing, visibility=Visibility.REPORTER
    )
    return rep


@transaction.atomic
def complete_report(
    report: Report | int,
    *,
    actor: Actor,
    details: str,
    attachments: list[CheckedFile] | None = None,
    now: datetime | None = None,
) -> Report:
    """The reporter completes the data asked for; the report returns to verification."""
    now = now_or(now)
    details = require_text(details, "details", _("Tuliskan data yang Anda lengkapi."))
    rep = lock_report(report)
    row, cap = authorize(actor, rep, Action.COMPLETE)
    Message.objects.create(
        report=rep, kind=MessageKind.COMPLETION, author=actor.user, body=details, created_at=now
    )
    if attachments:
        store(rep, attachments, kind=AttachmentKind.COMPLETION, user=actor.user, now=now)
    change_status(rep, row, actor=actor, capacity=cap, now=now, visibility=Visibility.REPORTER)
    return rep


@transaction.atomic
def mark_not_in_authority(
    report: Report | int, *, actor: User, reason: str, now: datetime | None = None
) -> Report:
    """Bukan wewenang: back to the national admin (seed 002)."""
    now = now_or(now)
    reason = require_text(
        reason, "reason", _("Jelaskan mengapa laporan ini bukan wewenang daerah.")
    )
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.NOT_IN_AUTHORITY)
    previous = rep.pemda_id
    change_status(
        rep, row, actor=who, capacity=cap, now=now, reason=reason, data={"pemda": previous}
    )
    return rep


@transaction.atomic
def route_to_pemda(
    report: Report | int,
    *,
    actor: User,
    pemda: Organisation,
    note: str = "",
    now: datetime | None = None,
) -> Report:
    """The national admin sends a returned report to the right regional government."""
    now = now_or(now)
    if pemda.kind != OrganisationKind.PEMDA:
        raise ValidationFailed({"pemda": [_("Pilih pemerintah daerah.")]})
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.ROUTE_TO_PEMDA)
    if pemda.pk == rep.pemda_id:
        raise ValidationFailed(
            {"pemda": [_("Laporan baru saja dikembalikan oleh pemerintah daerah ini.")]}
        )
    old = rep.pemda_id
    rep.pemda = pemda
    rep.verified_at = None
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        reason=note.strip(),
        data={"from_pemda": old, "to_pemda": pemda.pk},
    )
    return rep


@transaction.atomic
def forward_external(
    report: Report | int,
    *,
    actor: User,
    body_name: str,
    note: str = "",
    now: datetime | None = None,
) -> Report:
    """Forward to a body outside the system (a ministry, another institution)."""
    now = now_or(now)
    body_name = require_text(body_name, "body_name", _("Sebutkan instansi tujuan."))
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.FORWARD_EXTERNAL)
    rep.forwarded_to = body_name[:200]
    change_status(
        rep, row, actor=who, capacity=cap, now=now, reason=note.strip(), data={"to": body_name}
    )
    return rep


@transaction.atomic
def archive_report(
    report: Report | int,
    *,
    actor: Actor | User,
    reason_code: str,
    note: str = "",
    now: datetime | None = None,
) -> Report:
    now = now_or(now)
    if reason_code not in ARCHIVE_REASONS:
        raise ValidationFailed({"reason_code": [_("Pilih alasan pengarsipan dari daftar.")]})
    rep = lock_report(report)
    who = as_actor(actor)
    row, cap = authorize(who, rep, Action.ARCHIVE)
    rep.archive_reason = reason_code
    rep.closed_at = now
    reason = str(ARCHIVE_REASONS[reason_code])
    if note.strip():
        reason = f"{reason}: {note.strip()}"
    change_status(
        rep, row, actor=who, capacity=cap, now=now, reason=reason, data={"reason_code": reason_code}
    )
    return rep
