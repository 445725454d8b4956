"""What each kind of asker sees of a report, as plain data for the output serializers.

* public: no identity, no files, no internal events, no names;
* reporter: their report, their own files, published follow-ups, public and
  reporter events;
* staff: everything in scope, with the reporter's identity only if
  ``can_see_identity`` allows it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.api.staff_actions import slug_for, staff_actions
from tuntas.audit.models import AuditEvent
from tuntas.reports.access import available_actions, can_see_identity, capacities
from tuntas.reports.models import Attachment, FollowUp, MessageKind, Report
from tuntas.reports.selectors import (
    action_label,
    outside_timeline,
    published_followups,
    reporter_attachments,
    reporter_messages,
    status_label,
)
from tuntas.reports.transitions import ACTION_LABELS, REPORTER, Action

# Messages the reporter wrote: their author is the reporter (named only where allowed).
BY_REPORTER_KINDS = (MessageKind.COMPLETION, MessageKind.CLARIFICATION)
REPORTER_ENDPOINTS: dict[Action, str] = {
    Action.COMPLETE: "api:report-complete",
    Action.CLARIFY: "api:report-clarify",
    Action.REPLY_SATISFIED: "api:report-reply",
    Action.REPLY_NOT_SATISFIED: "api:report-reply",
}


def summary(report: Report) -> dict[str, Any]:
    return {
        "tracking_id": report.tracking_id,
        "title": report.title,
        "status": report.status,
        "status_label": status_label(report.status),
        "classification": report.classification,
        "category": report.category,
        "pemda": report.pemda,
        "lead_agency": report.lead_agency,
        "created_at": report.created_at,
        "status_changed_at": report.status_changed_at,
    }


def timeline(
    events: QuerySet[AuditEvent], *, names: bool, show_reporter: bool
) -> list[dict[str, Any]]:
    """Audit events as a timeline. ``names`` shows who acted and why; the reporter's
    own name only with ``show_reporter``."""
    rows: list[dict[str, Any]] = []
    for event in events:
        actor = ""
        if names:
            by_reporter = (event.data or {}).get("capacity") == REPORTER
            actor = event.actor_label if show_reporter or not by_reporter else _("Pelapor")
        rows.append(
            {
                "at": event.created_at,
                "action": event.action,
                "label": action_label(event.action),
                "actor": actor,
                "from_status": event.from_status,
                "to_status": event.to_status,
                "to_status_label": status_label(event.to_status) if event.to_status else "",
                "reason": event.reason if names else "",
                "visibility": event.visibility,
            }
        )
    return rows


def outside_timeline_rows(report: Report, *, public: bool) -> list[dict[str, Any]]:
    """The reporter's or the public's timeline: organisations, never staff names; no
    staff notes (see ``tuntas.reports.selectors.outside_timeline``)."""
    return [
        {
            "at": entry.at,
            "action": entry.action,
            "label": entry.label,
            "actor": entry.who,
            "from_status": entry.from_status,
            "to_status": entry.to_status,
            "to_status_label": entry.status,
            "reason": entry.reason,
            "visibility": entry.visibility,
        }
        for entry in outside_timeline(report, public=public)
    ]


def attachments(report: Report, files: QuerySet[Attachment]) -> list[dict[str, Any]]:
    return [
        {
            "id": a.pk,
            "kind": a.kind,
            "kind_label": a.get_kind_display(),
            "name": a.original_name,
            "content_type": a.content_type,
            "size": a.size,
            "created_at": a.created_at,
            "url": reverse("api:report-attachment", args=[report.tracking_id, a.pk]),
        }
        for a in files
    ]


def followups(report: Report, *, published_only: bool) -> list[dict[str, Any]]:
    """Published follow-ups only (reporter, public: nobody's name), or every draft (staff)."""
    if published_only:
        return [_followup(report, f, names=False) for f in published_followups(report)]
    qs = report.followups.select_related("agency", "author", "reviewed_by")
    return [_followup(report, f, names=True) for f in qs]


def _followup(report: Report, f: FollowUp, *, names: bool) -> dict[str, Any]:
    return {
        "id": f.pk,
        "state": f.state,
        "state_label": f.get_state_display(),
        "agency": f.agency,
        "body": f.body,
        "author": f.author.display_name if names else "",
        "created_at": f.created_at,
        "reviewed_by": f.reviewed_by.display_name if names and f.reviewed_by else "",
        "reviewed_at": f.reviewed_at if names else None,
        "review_note": f.review_note if names else "",
        "published_at": f.published_at,
        "attachments": attachments(report, f.attachments.all()),
    }


def messages(report: Report, *, show_reporter: bool, staff: bool) -> list[dict[str, Any]]:
    qs = report.messages.all() if staff else reporter_messages(report)
    rows = []
    for m in qs.select_related("author"):
        if m.kind in BY_REPORTER_KINDS:
            author = report.reporter_display_name if show_reporter else ""
            author = author or _("Pelapor")
        else:
            author = m.author.display_name if m.author else ""
        rows.append(
            {
                "kind": m.kind,
                "kind_label": m.get_kind_display(),
                "author": author,
                "body": m.body,
                "created_at": m.created_at,
            }
        )
    return rows


def feedback(report: Report) -> list[dict[str, Any]]:
    return [
        {
            "satisfied": f.satisfied,
            "rating": f.rating,
            "comment": f.comment,
            "created_at": f.created_at,
        }
        for f in report.feedback.all()
    ]


def identity(report: Report) -> dict[str, Any]:
    account = report.reporter
    return {
        "name": report.reporter_display_name,
        "nik": account.nik if account else report.reporter_nik,
        "phone": account.phone if account else report.reporter_phone,
        "email": account.email if account else report.reporter_email,
        "has_account": account is not None,
    }


def _content(report: Report) -> dict[str, Any]:
    return {
        **summary(report),
        "description": report.description,
        "channel": report.channel,
        "region": report.region,
        "location_text": report.location_text,
        "incident_date": report.incident_date,
        "requested_agency": report.requested_agency,
        "is_anonymous": report.is_anonymous,
        "is_confidential": report.is_confidential,
        "closed_at": report.closed_at,
    }


def public_report(report: Report, *, detail: bool = False) -> dict[str, Any]:
    data = {**summary(report), "description": report.description, "region": report.region}
    if detail:
        data["followups"] = followups(report, published_only=True)
        data["timeline"] = outside_timeline_rows(report, public=True)
    return data


def reporter_report(report: Report) -> dict[str, Any]:
    """The reporter acts only as reporter here, whatever roles their account holds."""
    own_actions = [
        a for a in available_actions(None, report, is_reporter=True) if a in REPORTER_ENDPOINTS
    ]
    return {
        **_content(report),
        "reporter": identity(report),
        "messages": messages(report, show_reporter=True, staff=False),
        "followups": followups(report, published_only=True),
        "feedback": feedback(report),
        "attachments": attachments(report, reporter_attachments(report)),
        "timeline": outside_timeline_rows(report, public=False),
        "available_actions": [
            {
                "action": str(a),
                "label": str(ACTION_LABELS[a]),
                "url": reverse(REPORTER_ENDPOINTS[a], args=[report.tracking_id]),
            }
            for a in own_actions
        ],
    }


def _clock_rows(report: Report, now: datetime) -> list[dict[str, Any]]:
    return [
        {
            "step": c.step,
            "step_label": c.get_step_display(),
            "organisation": c.organisation,
            "amount": c.amount,
            "unit": c.unit,
            "started_at": c.started_at,
            "due_at": c.due_at,
            "paused_at": c.paused_at,
            "stopped_at": c.stopped_at,
            "met": c.met,
            "is_overdue": bool(c.is_open and not c.is_paused and c.due_at and c.due_at < now),
        }
        for c in report.clocks.select_related("organisation")
    ]


def staff_report(report: Report, user: User, *, now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    caps = capacities(user, report)
    show = can_see_identity(user, report, caps)
    actions = []
    for action in available_actions(user, report):
        slug = slug_for(action)
        if slug is None:
            continue
        actions.append(
            {
                "action": slug,
                "label": staff_actions()[slug].label,
                "url": reverse(f"api:staff-action-{slug}", args=[report.tracking_id]),
            }
        )
    return {
        **_content(report),
        "identity_visible": show,
        "reporter": identity(report) if show else None,
        "verified_at": report.verified_at,
        "first_disposed_at": report.first_disposed_at,
        "first_followup_at": report.first_followup_at,
        "close_reason": report.close_reason,
        "archive_reason": report.archive_reason,
        "forwarded_to": report.forwarded_to,
        "return_count": report.return_count,
        "reopen_count": report.reopen_count,
        "escalation": report.escalation,
        "capacities": sorted(caps - {REPORTER}),
        "assignments": list(report.assignments.select_related("agency", "division")),
        "clocks": _clock_rows(report, now),
        "field_checks": list(report.field_checks.select_related("agency", "officer")),
        "messages": messages(report, show_reporter=show, staff=True),
        "followups": followups(report, published_only=False),
        "feedback": feedback(report),
        "attachments": attachments(report, report.attachments.all()),
        "timeline": timeline(
            report.events.order_by("created_at", "id"), names=True, show_reporter=show
        ),
        "available_actions": actions,
    }


def staff_list_row(report: Report) -> dict[str, Any]:
    next_due: datetime | None = getattr(report, "next_due", None)
    return {
        **summary(report),
        "channel": report.channel,
        "next_due_at": next_due,
        "is_overdue": bool(getattr(report, "has_late_clock", False)),
    }
