"""What the public and the reporter see of a report, as plain data for the output
serializers, and a staff list row.

* public: no identity, no files, no internal events, no names;
* reporter: their report, their own files, published follow-ups, public and
  reporter events, the conversation with staff signed by organisations
  (``tuntas.reports.disclosure``), never a staff member's name.

The staff view of one report is ``tuntas.reports.staff_view`` (read by
``StaffReportSerializer`` as it is): nothing of it is decided here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from tuntas.reports.access import available_actions
from tuntas.reports.disclosure import Audience, outside_messages, outside_timeline
from tuntas.reports.models import Attachment, Report
from tuntas.reports.selectors import (
    published_followups,
    reporter_attachments,
    status_label,
)
from tuntas.reports.staff_view.rows import AttachmentRow
from tuntas.reports.transitions import ACTION_LABELS, Action

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


def attachments(report: Report, files: QuerySet[Attachment]) -> list[AttachmentRow]:
    """Files the reporter may open (``AttachmentSerializer`` gives each its URL)."""
    return [AttachmentRow.of(a, report.tracking_id, seen_by_reporter=True) for a in files]


def published_followups_data(report: Report) -> list[dict[str, Any]]:
    """The published follow-ups, as the reporter and the public read them: the agency,
    never who wrote, approved or published them."""
    return [
        {
            "id": f.pk,
            "state": f.state,
            "state_label": f.get_state_display(),
            "agency": f.agency,
            "body": f.body,
            "author": "",
            "created_at": f.created_at,
            "reviewed_by": "",
            "reviewed_at": None,
            "review_note": "",
            "published_at": f.published_at,
            "attachments": attachments(report, f.attachments.all()),
        }
        for f in published_followups(report)
    ]


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
        data["followups"] = published_followups_data(report)
        data["timeline"] = outside_timeline(report, Audience.PUBLIC)
    return data


def reporter_report(report: Report) -> dict[str, Any]:
    """The reporter acts only as reporter here, whatever roles their account holds."""
    own_actions = [
        a for a in available_actions(None, report, is_reporter=True) if a in REPORTER_ENDPOINTS
    ]
    return {
        **_content(report),
        "reporter": identity(report),
        "messages": outside_messages(report),
        "followups": published_followups_data(report),
        "feedback": feedback(report),
        "attachments": attachments(report, reporter_attachments(report)),
        "timeline": outside_timeline(report, Audience.REPORTER),
        "available_actions": [
            {
                "action": str(a),
                "label": str(ACTION_LABELS[a]),
                "url": reverse(REPORTER_ENDPOINTS[a], args=[report.tracking_id]),
            }
            for a in own_actions
        ],
    }


def staff_list_row(report: Report) -> dict[str, Any]:
    next_due: datetime | None = getattr(report, "next_due", None)
    return {
        **summary(report),
        "channel": report.channel,
        "next_due_at": next_due,
        "is_overdue": bool(getattr(report, "has_late_clock", False)),
    }
