"""Reads the API needs on top of ``tuntas.reports.access``.

Everything that depends on the asker starts from the access module's scoped
selectors; a report outside the asker's scope is never returned.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from tuntas.accounts.models import User
from tuntas.organisations.models import Organisation
from tuntas.reports.access import reports_visible_to, scope_of, staff_filter
from tuntas.reports.models import (
    PUBLIC_STATUSES,
    Assignment,
    Attachment,
    AttachmentKind,
    Clock,
    DraftState,
    Report,
)

SUMMARY_RELATED = ("classification", "category", "category__parent", "pemda", "lead_agency")


def public_reports() -> QuerySet[Report]:
    """Reports anyone may read: not rahasia, and past verification."""
    return (
        Report.objects.filter(is_confidential=False, status__in=PUBLIC_STATUSES)
        .select_related(*SUMMARY_RELATED, "region")
        .order_by("-created_at", "-id")
    )


def own_reports(user: User) -> QuerySet[Report]:
    return (
        reports_visible_to(user)
        .filter(reporter=user)
        .select_related(*SUMMARY_RELATED)
        .order_by("-created_at", "-id")
    )


def staff_reports(
    user: User,
    *,
    now: datetime,
    status: str | None = None,
    pemda: Organisation | None = None,
    agency: Organisation | None = None,
    overdue: bool | None = None,
) -> QuerySet[Report]:
    """The reports in the asker's scope, filtered, with their next deadline."""
    qs = reports_visible_to(user)
    if status:
        qs = qs.filter(status=status)
    if pemda is not None:
        qs = qs.filter(pemda=pemda)
    if agency is not None:
        qs = qs.filter(Exists(Assignment.objects.filter(report=OuterRef("pk"), agency=agency)))
    running = Clock.objects.filter(
        report=OuterRef("pk"),
        stopped_at__isnull=True,
        paused_at__isnull=True,
        due_at__isnull=False,
    )
    late = running.filter(due_at__lt=now)
    if overdue is True:
        qs = qs.filter(Exists(late))
    elif overdue is False:
        qs = qs.exclude(Exists(late))
    return (
        qs.select_related(*SUMMARY_RELATED, "channel")
        .annotate(
            next_due_at=Subquery(running.order_by("due_at").values("due_at")[:1]),
            has_late_clock=Exists(late),
        )
        .order_by("-created_at", "-id")
    )


def is_staff_in_scope(user: User | None, report: Report) -> bool:
    """Whether ``user`` sees ``report`` as staff (not merely as its reporter)."""
    if user is None:
        return False
    scope = scope_of(user)
    if not scope.is_staff:
        return False
    q = staff_filter(scope)
    return q is None or Report.objects.filter(q, pk=report.pk).exists()


def reporter_attachments(report: Report) -> QuerySet[Attachment]:
    """What the reporter may open: their own files and the published follow-up's files."""
    return report.attachments.filter(
        Q(kind__in=[AttachmentKind.EVIDENCE, AttachmentKind.COMPLETION])
        | Q(kind=AttachmentKind.FOLLOWUP, followup__state=DraftState.PUBLISHED)
    )
