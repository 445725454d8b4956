"""Reads for the citizen pages: what a reporter and the public may see of a report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.models import AuditEvent, Visibility
from tuntas.citizen.proof import has_proof
from tuntas.core.errors import NotFound
from tuntas.organisations.models import AGENCY_ROLES, Organisation, Role
from tuntas.reference.models import Category
from tuntas.reports.access import reports_visible_to
from tuntas.reports.actions import Actor
from tuntas.reports.models import (
    PUBLIC_STATUSES,
    Attachment,
    AttachmentKind,
    DraftState,
    FollowUp,
    Message,
    MessageKind,
    Report,
    Status,
)
from tuntas.reports.transitions import ACTION_LABELS, REPORTER, SYSTEM, Action

# What the reporter sees of the conversation: requests addressed to them and their answers.
REPORTER_MESSAGE_KINDS = (
    MessageKind.COMPLETION_REQUEST,
    MessageKind.COMPLETION,
    MessageKind.CLARIFICATION_REQUEST,
    MessageKind.CLARIFICATION,
)
REPORTER_FILE_KINDS = (AttachmentKind.EVIDENCE, AttachmentKind.COMPLETION)
PEMDA_CAPACITIES = frozenset(
    {
        Role.COORDINATOR,
        Role.SECTION_HEAD,
        Role.DIVISION_HEAD,
        Role.REGIONAL_SECRETARY,
        Role.VIEWER,
    }
)
AGENCY_CAPACITIES = frozenset(AGENCY_ROLES | {Role.DIVISION_STAFF})


def _not_found() -> NotFound:
    return NotFound(
        _("Laporan tidak ditemukan atau Anda tidak berwenang melihatnya."),
        code="report_not_found",
    )


def signed_in(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None


# ---------------------------------------------------------------- the reporter's view


@dataclass(frozen=True)
class ReporterAccess:
    """A report opened by its reporter: signed in as the reporter, or by access code."""

    report: Report
    by_account: bool

    def actor(self, user: User | None) -> Actor:
        if self.by_account:
            return Actor(user=user)
        return Actor(user=None, is_reporter_by_code=True)


def reporter_access(request: HttpRequest, tracking_id: str) -> ReporterAccess:
    """The report if this request is its reporter; otherwise the same 404 as a missing ID."""
    user = signed_in(request)
    related = ("pemda", "classification", "category", "channel", "region", "lead_agency")
    if user is not None:
        own = (
            reports_visible_to(user)
            .filter(tracking_id=tracking_id, reporter=user)
            .select_related(*related)
            .first()
        )
        if own is not None:
            return ReporterAccess(report=own, by_account=True)
    if has_proof(request, tracking_id):
        report = Report.objects.filter(tracking_id=tracking_id).select_related(*related).first()
        if report is not None:
            return ReporterAccess(report=report, by_account=False)
    raise _not_found()


def own_reports(user: User) -> QuerySet[Report]:
    return (
        reports_visible_to(user)
        .filter(reporter=user)
        .select_related("pemda", "category", "lead_agency")
        .order_by("-created_at", "-id")
    )


def reporter_messages(report: Report) -> QuerySet[Message]:
    return (
        report.messages.filter(kind__in=REPORTER_MESSAGE_KINDS)
        .select_related("organisation")
        .order_by("created_at", "id")
    )


def reporter_files(report: Report) -> QuerySet[Attachment]:
    """Files the reporter may download: their own, and those of published follow-ups.

    Never field-check photos, Berita Acara or attachments of unpublished drafts.
    """
    return report.attachments.filter(
        Q(kind__in=REPORTER_FILE_KINDS)
        | Q(kind=AttachmentKind.FOLLOWUP, followup__state=DraftState.PUBLISHED)
    ).order_by("created_at", "id")


def own_files(report: Report) -> QuerySet[Attachment]:
    return report.attachments.filter(kind__in=REPORTER_FILE_KINDS).order_by("created_at", "id")


def published_followups(report: Report) -> QuerySet[FollowUp]:
    files = Attachment.objects.filter(kind=AttachmentKind.FOLLOWUP).order_by("created_at", "id")
    return (
        report.followups.filter(state=DraftState.PUBLISHED)
        .select_related("agency")
        .prefetch_related(Prefetch("attachments", queryset=files))
        .order_by("published_at", "id")
    )


# ---------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    label: str
    status: str
    who: str
    reason: str


def _action_label(action: str) -> str:
    try:
        return str(ACTION_LABELS[Action(action)])
    except ValueError:
        return action


def _status_label(status: str) -> str:
    try:
        return str(Status(status).label)
    except ValueError:
        return ""


def _capacity(event: AuditEvent) -> str:
    data = event.data if isinstance(event.data, dict) else {}
    return str(data.get("capacity", ""))


def _who(event: AuditEvent, report: Report) -> str:
    """Who acted, without staff members' personal names: their organisation at most."""
    capacity = _capacity(event)
    if capacity == REPORTER:
        return _("Pelapor")
    if capacity == SYSTEM:
        return _("Sistem")
    if capacity == Role.NATIONAL_ADMIN:
        return _("Admin Nasional")
    organisation: Organisation | None = event.organisation
    if organisation is None:
        if capacity in AGENCY_CAPACITIES:
            organisation = report.lead_agency
        elif capacity in PEMDA_CAPACITIES:
            organisation = report.pemda
    if organisation is not None:
        return _("Petugas %(organisation)s") % {"organisation": organisation}
    return _("Petugas")


def _is_internal(event: AuditEvent) -> bool:
    """A note between staff (disposition instructions, return reasons)."""
    data = event.data if isinstance(event.data, dict) else {}
    return bool(data.get("internal_reason"))


def timeline(report: Report, *, public: bool) -> list[TimelineEntry]:
    """The reporter's timeline (public and reporter events) or the public one.

    Staff-only events never appear. The public timeline shows no free text at all:
    the reporter's replies and the staff's notes (disposition instructions, return
    reasons) are written for the people handling the report and may name the reporter.
    """
    visibilities = [Visibility.PUBLIC] if public else [Visibility.PUBLIC, Visibility.REPORTER]
    events = (
        report.events.filter(visibility__in=visibilities)
        .select_related("organisation")
        .order_by("created_at", "id")
    )
    entries: list[TimelineEntry] = []
    for event in events:
        entries.append(
            TimelineEntry(
                at=event.created_at,
                label=_action_label(event.action),
                status=_status_label(event.to_status),
                who=_who(event, report),
                reason="" if public or _is_internal(event) else event.reason,
            )
        )
    return entries


# ---------------------------------------------------------------- public reports


def public_reports() -> QuerySet[Report]:
    """Reports anyone may read: not rahasia, and in a status that may be shown."""
    return (
        Report.objects.filter(is_confidential=False, status__in=list(PUBLIC_STATUSES))
        .select_related("pemda", "category", "category__parent", "lead_agency")
        .order_by("-created_at", "-id")
    )


def filter_public(
    reports: QuerySet[Report],
    *,
    pemda: Organisation | None = None,
    category: Category | None = None,
    status: str = "",
) -> QuerySet[Report]:
    if pemda is not None:
        reports = reports.filter(pemda=pemda)
    if category is not None:
        reports = reports.filter(Q(category=category) | Q(category__parent=category))
    if status:
        reports = reports.filter(status=status)
    return reports


def get_public_report(tracking_id: str) -> Report:
    report = public_reports().filter(tracking_id=tracking_id).first()
    if report is None:
        raise NotFound(_("Laporan tidak ditemukan."), code="report_not_found")
    return report
