"""The read rules the web pages and the REST API share, each written once.

* the public: which reports anyone may read;
* the reporter: their own reports, the access-code check, what of a report they may
  read (messages, published follow-ups, events) and which files they may download;
* staff: the nearest running deadline of a report, and which reports are late;
* the labels of statuses and actions shown in timelines.

What of the handling the reporter and the public may read (the timeline rule, who is
named) is ``tuntas.reports.disclosure``.

``tuntas.citizen`` and ``tuntas.staff`` (web pages) and ``tuntas.api`` call these;
how each presents the result stays with them. Reads that depend on the asker start
from ``tuntas.reports.access``.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet

from tuntas.accounts.models import User
from tuntas.audit.catalogue import AUDIT_LABELS, AuditAction
from tuntas.organisations.models import Organisation
from tuntas.reference.models import Category
from tuntas.reports.access_codes import verify_access_code
from tuntas.reports.models import (
    PUBLIC_STATUSES,
    Attachment,
    AttachmentKind,
    Clock,
    DraftState,
    FollowUp,
    Message,
    MessageKind,
    Report,
    Status,
)
from tuntas.reports.transitions import ACTION_LABELS, Action

# What a list of reports shows of each (select_related once, not per row).
REPORT_RELATED = ("classification", "category", "category__parent", "pemda", "lead_agency")
# Files the reporter gave: the evidence sent with the report and the completed data.
REPORTER_FILE_KINDS = (AttachmentKind.EVIDENCE, AttachmentKind.COMPLETION)
# What the reporter reads of the conversation: the requests addressed to them and their
# answers; never the staff's internal notes.
REPORTER_MESSAGE_KINDS = (
    MessageKind.COMPLETION_REQUEST,
    MessageKind.COMPLETION,
    MessageKind.CLARIFICATION_REQUEST,
    MessageKind.CLARIFICATION,
)


# ---------------------------------------------------------------- the public


def public_reports() -> QuerySet[Report]:
    """Reports anyone may read: not rahasia, and in a status that may be shown."""
    return (
        Report.objects.filter(is_confidential=False, status__in=list(PUBLIC_STATUSES))
        .select_related(*REPORT_RELATED, "region")
        .order_by("-created_at", "-id")
    )


def filter_public(
    reports: QuerySet[Report],
    *,
    pemda: Organisation | None = None,
    category: Category | None = None,
    status: str = "",
) -> QuerySet[Report]:
    """Narrow a public list; a category also matches its subcategories."""
    if pemda is not None:
        reports = reports.filter(pemda=pemda)
    if category is not None:
        reports = reports.filter(Q(category=category) | Q(category__parent=category))
    if status:
        reports = reports.filter(status=status)
    return reports


def find_public_report(tracking_id: str) -> Report | None:
    return public_reports().filter(tracking_id=tracking_id).first()


# ---------------------------------------------------------------- the reporter


def own_reports(user: User) -> QuerySet[Report]:
    """The reports ``user`` filed with their account, newest first: the reporter's own
    query, apart from the staff scope (``access.reports_visible_to``). A staff member
    reads the reports they filed here, as their reporter."""
    if not user.is_authenticated:
        return Report.objects.none()
    return (
        Report.objects.filter(reporter=user)
        .select_related(*REPORT_RELATED)
        .order_by("-created_at", "-id")
    )


def report_by_access_code(tracking_id: str, code: str) -> Report | None:
    """The report if ``code`` is its access code; None for a wrong code or an unknown ID.

    The check is one HMAC (``reports.access_codes``), also for an unknown ID, so the time
    taken does not tell which of the two was wrong. ``code`` is compared as given:
    callers normalise what the person typed (and throttle before calling).
    """
    report = Report.objects.filter(tracking_id=tracking_id).first()
    if not verify_access_code(code, report.access_code_hash if report is not None else ""):
        return None
    return report


def reporter_attachments(report: Report) -> QuerySet[Attachment]:
    """Files the reporter may download: their own, and those of published follow-ups.

    Never field-check photos, Berita Acara or attachments of unpublished drafts.
    """
    return report.attachments.filter(
        Q(kind__in=REPORTER_FILE_KINDS)
        | Q(kind=AttachmentKind.FOLLOWUP, followup__state=DraftState.PUBLISHED)
    ).order_by("created_at", "id")


def own_attachments(report: Report) -> QuerySet[Attachment]:
    """The files the reporter sent: evidence and completed data."""
    return report.attachments.filter(kind__in=REPORTER_FILE_KINDS).order_by("created_at", "id")


def published_followups(report: Report) -> QuerySet[FollowUp]:
    """The follow-ups the reporter and the public may read, with their files."""
    files = Attachment.objects.filter(kind=AttachmentKind.FOLLOWUP).order_by("created_at", "id")
    return (
        report.followups.filter(state=DraftState.PUBLISHED)
        .select_related("agency")
        .prefetch_related(Prefetch("attachments", queryset=files))
        .order_by("published_at", "id")
    )


def reporter_messages(report: Report) -> QuerySet[Message]:
    return (
        report.messages.filter(kind__in=REPORTER_MESSAGE_KINDS)
        .select_related("organisation")
        .order_by("created_at", "id")
    )


# ---------------------------------------------------------------- deadlines (staff)


def running_clocks() -> QuerySet[Clock]:
    """The running clocks with a deadline of the report in the outer query
    (``OuterRef("pk")``). A paused clock has no deadline until it resumes."""
    return Clock.objects.filter(
        report=OuterRef("pk"),
        stopped_at__isnull=True,
        paused_at__isnull=True,
        due_at__isnull=False,
    )


def late_clocks(now: datetime) -> QuerySet[Clock]:
    """Running clocks of the outer report already past their deadline at ``now``."""
    return running_clocks().filter(due_at__lt=now)


def with_next_due(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Annotate the nearest running deadline (``next_due``) and its step (``next_step``)."""
    # Stored on the report (``tuntas.reports.next_due``): no subquery per row.
    return reports.annotate(next_due=F("next_due_at"), next_step=F("next_due_step"))


# ---------------------------------------------------------------- labels


def status_label(value: str) -> str:
    """The status's label; an unknown value (or "") as it is."""
    return str(Status(value).label) if value in Status.values else value


def action_label(value: str) -> str:
    """The action's label as timelines show it; an unknown value as it is."""
    try:
        return str(ACTION_LABELS[Action(value)])
    except (ValueError, KeyError):
        pass
    try:
        return str(AUDIT_LABELS[AuditAction(value)])
    except ValueError:
        return value
