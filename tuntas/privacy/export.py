"""Everything Tuntas holds about a reporter, as they may read it (UU PDP 27/2022, the
right of access): their account, their reports, the files they gave, the conversation,
their replies and their notification choices; a ZIP of it with a JSON manifest.

What staff wrote among themselves never leaves the staff side: the timeline and the
messages are read through ``reports.disclosure`` (organisations, never a staff member's
name; no internal notes), the follow-ups are the published ones, named by agency.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import AuditEvent
from tuntas.audit.services import record_event
from tuntas.outbox.preferences import preference_of
from tuntas.privacy.models import ErasureRequest
from tuntas.reports.disclosure import (
    BY_REPORTER_KINDS,
    Audience,
    outside_message_author,
    outside_timeline,
)
from tuntas.reports.models import Attachment, Report
from tuntas.reports.selectors import (
    REPORTER_MESSAGE_KINDS,
    own_attachments,
    own_reports,
    published_followups,
)

FORMAT_VERSION = 1
# The conversation the reporter reads, and every message they wrote themselves; never
# the notes between staff.
EXPORTED_MESSAGE_KINDS = sorted({*REPORTER_MESSAGE_KINDS, *BY_REPORTER_KINDS})
# Account events the owner reads back (sign-ins, password and security changes).
ACCOUNT_EVENTS = (
    AuditAction.REGISTER,
    AuditAction.SIGN_IN,
    AuditAction.API_SIGN_IN,
    AuditAction.PASSWORD_CHANGED,
    AuditAction.PASSWORD_RESET_DONE,
    AuditAction.TWO_FACTOR_ENABLED,
    AuditAction.TWO_FACTOR_DISABLED,
    AuditAction.NOTIFICATION_PREFERENCES_CHANGED,
    AuditAction.PERSONAL_DATA_EXPORTED,
    AuditAction.ERASURE_REQUESTED,
    AuditAction.ERASURE_CANCELLED,
)


@dataclass(frozen=True)
class Subject:
    """Whose data: an account (every report filed with it), or the reporter of one
    report proven by its access code (that report only)."""

    user: User | None = None
    report: Report | None = None

    def reports(self) -> Sequence[Report]:
        if self.user is not None:
            return list(own_reports(self.user).select_related("channel", "region"))
        assert self.report is not None
        return [self.report]


def mask_nik(nik: str) -> str:
    """A NIK as pages show it: all but the last four digits hidden."""
    if not nik:
        return ""
    return "•" * max(len(nik) - 4, 0) + nik[-4:]


def _at(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _name(value: object) -> str:
    return str(value) if value is not None else ""


def _account(user: User) -> dict[str, Any]:
    pref = preference_of(user)
    return {
        "username": user.username,
        "full_name": user.full_name or user.get_full_name(),
        "email": user.email,
        "phone": user.phone,
        "nik": user.nik,
        "date_joined": _at(user.date_joined),
        "last_login": _at(user.last_login),
        "notification_preferences": {
            "in_app": True,
            "email": pref.email,
            "whatsapp": pref.whatsapp,
            "sms": pref.sms,
        },
        "events": [
            {"at": _at(e.created_at), "action": e.action}
            for e in AuditEvent.objects.filter(
                actor=user, report__isnull=True, action__in=[str(a) for a in ACCOUNT_EVENTS]
            ).order_by("created_at", "id")
        ],
    }


def _file_entry(a: Attachment, folder: str) -> dict[str, Any]:
    return {
        "name": a.original_name,
        "path": f"{folder}/{a.original_name}",
        "kind": a.kind,
        "content_type": a.content_type,
        "size": a.size,
        "sha256": a.sha256,
        "uploaded_at": _at(a.created_at),
    }


def _report(report: Report, files: list[Attachment]) -> dict[str, Any]:
    folder = f"files/{report.tracking_id}"
    return {
        "tracking_id": report.tracking_id,
        "title": report.title,
        "description": report.description,
        "classification": _name(report.classification),
        "category": _name(report.category),
        "channel": _name(report.channel),
        "pemda": _name(report.pemda),
        "lead_agency": _name(report.lead_agency),
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "created_at": _at(report.created_at),
        "closed_at": _at(report.closed_at),
        "incident_date": report.incident_date.isoformat() if report.incident_date else None,
        "location": report.location_text,
        "latitude": str(report.latitude) if report.latitude is not None else None,
        "longitude": str(report.longitude) if report.longitude is not None else None,
        "region": _name(report.region),
        "anonymous": report.is_anonymous,
        "confidential": report.is_confidential,
        # What was typed onto the report (an account's details are under "account").
        "identity_on_report": {
            "name": report.reporter_name,
            "nik": report.reporter_nik,
            "phone": report.reporter_phone,
            "email": report.reporter_email,
        },
        "timeline": [
            {
                "at": _at(e.at),
                "action": e.action,
                "label": e.label,
                "status": e.to_status,
                "by": e.actor,
                "reason": e.reason,
            }
            for e in outside_timeline(report, Audience.REPORTER)
        ],
        "messages": [
            {
                "at": _at(m.created_at),
                "kind": m.kind,
                "kind_label": m.get_kind_display(),
                "by": outside_message_author(m, report),
                "body": m.body,
            }
            for m in report.messages.filter(kind__in=EXPORTED_MESSAGE_KINDS)
            .select_related("organisation")
            .order_by("created_at", "id")
        ],
        "followups": [
            {"at": _at(f.published_at), "agency": _name(f.agency), "body": f.body}
            for f in published_followups(report)
        ],
        "feedback": [
            {
                "at": _at(f.created_at),
                "satisfied": f.satisfied,
                "rating": f.rating,
                "comment": f.comment,
            }
            for f in report.feedback.order_by("created_at", "id")
        ],
        "files": [_file_entry(a, folder) for a in files],
    }


@dataclass(frozen=True)
class PersonalData:
    """The export: ``data`` is the JSON manifest, ``files`` the attachments it lists."""

    data: dict[str, Any]
    files: tuple[tuple[str, Attachment], ...]

    @property
    def report_count(self) -> int:
        return len(self.data["reports"])


def collect(subject: Subject, *, now: datetime) -> PersonalData:
    """Read everything held about ``subject`` (no write)."""
    reports: list[dict[str, Any]] = []
    files: list[tuple[str, Attachment]] = []
    for report in subject.reports():
        own = list(own_attachments(report))
        entry = _report(report, own)
        reports.append(entry)
        files.extend((f["path"], a) for f, a in zip(entry["files"], own, strict=True))
    requests = ErasureRequest.objects.filter(
        user=subject.user if subject.user is not None else None,
        report=subject.report if subject.user is None else None,
    )
    data: dict[str, Any] = {
        "format": "tuntas-personal-data",
        "version": FORMAT_VERSION,
        "generated_at": _at(now),
        "site": settings.TUNTAS_SITE_URL,
        "note": _(
            "Data pribadi Anda yang disimpan Tuntas (UU 27/2022 tentang Pelindungan Data "
            "Pribadi). Catatan internal petugas dan nama petugas tidak termasuk."
        ),
        "account": _account(subject.user) if subject.user is not None else None,
        "reports": reports,
        "erasure_requests": [
            {
                "requested_at": _at(r.requested_at),
                "state": r.state,
                "due_at": _at(r.due_at),
                "finished_at": _at(r.finished_at),
            }
            for r in requests
        ],
    }
    return PersonalData(data=data, files=tuple(files))


def archive(personal: PersonalData) -> bytes:
    """The ZIP: ``data.json`` (the manifest, each file with its SHA-256) and the files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        missing: list[str] = []
        for path, attachment in personal.files:
            try:
                with attachment.file.open("rb") as handle:
                    content = handle.read()
            except FileNotFoundError:
                missing.append(path)
                continue
            if hashlib.sha256(content).hexdigest() != attachment.sha256:
                missing.append(path)
                continue
            zf.writestr(path, content)
        manifest = {**personal.data, "missing_files": missing}
        zf.writestr("data.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return buffer.getvalue()


def record_export(
    subject: Subject,
    personal: PersonalData,
    *,
    actor: User | None,
    surface: str,
    fmt: str,
    now: datetime,
) -> None:
    """Every export is an audit event (who, whose, where, what it held)."""
    with transaction.atomic():
        record_event(
            action=AuditAction.PERSONAL_DATA_EXPORTED,
            actor=actor,
            actor_label="" if actor is not None else _("Pelapor (kode akses)"),
            now=now,
            data={
                "surface": surface,
                "format": fmt,
                "subject_user_id": subject.user.pk if subject.user is not None else None,
                "tracking_ids": [r["tracking_id"] for r in personal.data["reports"]],
                "files": len(personal.files),
            },
        )
