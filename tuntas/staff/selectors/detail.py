"""Everything the staff report page shows, read once, with identity masked where needed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.accounts.models import User
from tuntas.audit.models import AuditEvent
from tuntas.organisations.models import Organisation, Role
from tuntas.reports.access import can_see_identity, capacities
from tuntas.reports.actions.disposition import PING_PONG_THRESHOLD
from tuntas.reports.models import (
    Assignment,
    Attachment,
    Clock,
    DraftState,
    Feedback,
    FieldCheck,
    FollowUp,
    Message,
    MessageKind,
    Report,
)
from tuntas.reports.selectors import action_label, status_label
from tuntas.reports.transitions import REPORTER, SYSTEM
from tuntas.staff.selectors.timing import due_class, paused_text, remaining_text
from tuntas.standards.models import Step
from tuntas.workdays.calendars import Calendars

REPORTER_MESSAGES = frozenset({MessageKind.COMPLETION, MessageKind.CLARIFICATION})
# Keys of an audit event's data that hold an organisation id, and how to label them.
ORG_KEYS: dict[str, Any] = {
    "pemda": gettext_lazy("Pemerintah daerah"),
    "from_pemda": gettext_lazy("Dari pemerintah daerah"),
    "to_pemda": gettext_lazy("Ke pemerintah daerah"),
    "from_agency": gettext_lazy("Dari OPD"),
    "lead": gettext_lazy("OPD utama"),
}
TEXT_KEYS: dict[str, Any] = {
    "agency_names": gettext_lazy("OPD"),
    "agency_name": gettext_lazy("OPD"),
    "to_agency_name": gettext_lazy("OPD tujuan"),
    "division_name": gettext_lazy("Bidang"),
    "ba_number": gettext_lazy("Nomor Berita Acara"),
    "to": gettext_lazy("Tujuan"),
    "channel": gettext_lazy("Kanal"),
    "rating": gettext_lazy("Penilaian"),
    "reason_code": gettext_lazy("Kode alasan"),
    "classification": gettext_lazy("Klasifikasi"),
    "is_anonymous": gettext_lazy("Anonim"),
    "is_confidential": gettext_lazy("Rahasia"),
    "solved": gettext_lazy("Sudah selesai saat diinput"),
    "ping_pong": gettext_lazy("Bolak-balik disposisi"),
}


def capacity_label(value: str) -> str:
    if value == REPORTER:
        return _("Pelapor")
    if value == SYSTEM:
        return _("Sistem")
    if value == "supporting_agency":
        return _("OPD pendukung")
    return str(Role(value).label) if value in Role.values else value


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor: str
    capacity: str
    action: str
    from_status: str
    to_status: str
    reason: str
    visibility: str
    details: list[tuple[str, str]]


def _timeline(report: Report, events: list[AuditEvent], show_identity: bool) -> list[TimelineEntry]:
    org_ids = {v for e in events for k, v in e.data.items() if k in ORG_KEYS and isinstance(v, int)}
    names = {o.pk: str(o) for o in Organisation.objects.filter(pk__in=org_ids)}
    out: list[TimelineEntry] = []
    for e in events:
        capacity = str(e.data.get("capacity", ""))
        by_reporter = capacity == REPORTER or (
            e.actor_id is not None and e.actor_id == report.reporter_id
        )
        details: list[tuple[str, str]] = []
        for key, value in e.data.items():
            if value in (None, "", []):
                continue
            if key in ORG_KEYS and isinstance(value, int):
                details.append((str(ORG_KEYS[key]), names.get(value, str(value))))
            elif key in TEXT_KEYS:
                details.append((str(TEXT_KEYS[key]), _plain(value)))
        out.append(
            TimelineEntry(
                at=e.created_at,
                actor=e.actor_label if (show_identity or not by_reporter) else _("Pelapor"),
                capacity=capacity_label(capacity) if capacity else "",
                action=action_label(e.action),
                from_status=status_label(e.from_status) if e.from_status else "",
                to_status=status_label(e.to_status) if e.to_status else "",
                reason=e.reason,
                visibility=e.get_visibility_display(),
                details=details,
            )
        )
    return out


@dataclass(frozen=True)
class ClockRow:
    clock: Clock
    step: str
    due: datetime | None
    css: str
    text: str


def _clock_rows(
    clocks: list[Clock], now: datetime
) -> tuple[list[ClockRow], list[ClockRow], list[ClockRow]]:
    """Open (running), paused and finished clocks."""
    calendars = Calendars()
    running: list[ClockRow] = []
    paused: list[ClockRow] = []
    done: list[ClockRow] = []
    for c in clocks:
        step = str(Step(c.step).label) if c.step in Step.values else c.step
        cal = calendars.of(c.organisation)
        if c.stopped_at is not None:
            text = _("Tepat waktu") if c.met else (_("Terlambat") if c.met is False else "")
            done.append(ClockRow(c, step, c.due_at, "" if c.met is not False else "overdue", text))
        elif c.paused_at is not None:
            paused.append(ClockRow(c, step, None, "", paused_text(c.remaining, c.unit)))
        else:
            running.append(
                ClockRow(
                    c,
                    step,
                    c.due_at,
                    due_class(c.due_at, now, cal),
                    remaining_text(c.due_at, now, c.unit, cal),
                )
            )
    running.sort(key=lambda r: (r.due is None, r.due or now))
    return running, paused, done


@dataclass(frozen=True)
class MessageRow:
    message: Message
    author: str


@dataclass
class ReportDetail:
    report: Report
    caps: set[str]
    show_identity: bool
    evidence: list[Attachment]
    assignments: list[Assignment]
    running_clocks: list[ClockRow]
    paused_clocks: list[ClockRow]
    finished_clocks: list[ClockRow]
    timeline: list[TimelineEntry]
    messages: list[MessageRow]
    field_checks: list[FieldCheck]
    followups: list[FollowUp]
    feedback: list[Feedback]
    current_draft: FollowUp | None
    ping_pong: bool
    archive_reason: str = ""
    close_reason: str = ""
    capacity_labels: list[str] = field(default_factory=list)


def report_detail(user: User, report: Report, now: datetime) -> ReportDetail:
    caps = capacities(user, report)
    show = can_see_identity(user, report, caps)
    clocks = list(report.clocks.select_related("organisation", "organisation__parent"))
    running, paused, done = _clock_rows(clocks, now)
    events = list(report.events.all())
    messages = [
        MessageRow(
            m,
            _("Pelapor")
            if (m.kind in REPORTER_MESSAGES and not show)
            else (m.author.display_name if m.author else _("Pelapor")),
        )
        for m in report.messages.select_related("author", "organisation")
    ]
    followups = list(
        report.followups.select_related(
            "author", "reviewed_by", "published_by", "agency"
        ).prefetch_related("attachments")
    )
    drafts = [f for f in followups if f.state == DraftState.REVIEW]
    return ReportDetail(
        report=report,
        caps=caps,
        show_identity=show,
        evidence=list(report.attachments.filter(field_check__isnull=True, followup__isnull=True)),
        assignments=list(report.assignments.select_related("agency", "division", "disposed_by")),
        running_clocks=running,
        paused_clocks=paused,
        finished_clocks=done,
        timeline=_timeline(report, events, show),
        messages=messages,
        field_checks=list(
            report.field_checks.select_related("officer", "agency").prefetch_related("attachments")
        ),
        followups=followups,
        feedback=list(report.feedback.all()),
        current_draft=max(drafts, key=lambda f: f.created_at) if drafts else None,
        ping_pong=report.return_count >= PING_PONG_THRESHOLD,
        archive_reason=str(report.get_archive_reason_display()),
        close_reason=str(report.get_close_reason_display()),
        capacity_labels=sorted(capacity_label(c) for c in caps),
    )
