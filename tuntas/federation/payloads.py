"""What one deployment sends another: a forwarded report, and events back.

Privacy: the receiving government gets what it needs to handle the report and no more.
The reporter's name, phone and e-mail travel only when the report is not *anonim*;
the NIK and the access code never do. Files stay at the origin: their names, types,
sizes and hashes travel so that the receiver can ask for them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation

from tuntas.federation.timeline import entries_with_ids, local_name
from tuntas.reports.models import Attachment, AttachmentKind, Report
from tuntas.reports.selectors import status_label

PAYLOAD_VERSION = 1


def reporter_identity(report: Report) -> dict[str, str] | None:
    """Name and contact of a report that is not anonim; None for an anonim one."""
    if report.is_anonymous:
        return None
    if report.reporter is not None:
        return {
            "name": report.reporter.display_name,
            "phone": report.reporter.phone,
            "email": report.reporter.email,
        }
    return {
        "name": report.reporter_name,
        "phone": report.reporter_phone,
        "email": report.reporter_email,
    }


def _files(report: Report) -> list[dict[str, Any]]:
    files = Attachment.objects.filter(report=report, kind=AttachmentKind.EVIDENCE).order_by(
        "created_at", "id"
    )
    return [
        {
            "name": a.original_name,
            "content_type": a.content_type,
            "size": a.size,
            "sha256": a.sha256,
        }
        for a in files
    ]


def report_payload(report: Report, *, note: str) -> dict[str, Any]:
    """The body of ``POST /api/federation/reports/`` for ``report`` as it is now."""
    category = report.category
    with translation.override(settings.LANGUAGE_CODE):
        events = [entry.as_payload(pk) for pk, entry in entries_with_ids(report)]
        label = status_label(report.status)
    return {
        "version": PAYLOAD_VERSION,
        "origin": {
            "instance": local_name(),
            "tracking_id": report.tracking_id,
            "status": report.status,
            "status_label": label,
        },
        "report": {
            "title": report.title,
            "description": report.description,
            "classification": report.classification.code,
            "category": category.name if category is not None else "",
            "category_parent": (
                category.parent.name if category is not None and category.parent else ""
            ),
            "incident_date": report.incident_date.isoformat() if report.incident_date else None,
            "location_text": report.location_text,
            "latitude": float(report.latitude) if report.latitude is not None else None,
            "longitude": float(report.longitude) if report.longitude is not None else None,
            "is_anonymous": report.is_anonymous,
            "is_confidential": report.is_confidential,
            "created_at": report.created_at.isoformat(),
        },
        "reporter": reporter_identity(report),
        "attachments": _files(report),
        "note": note,
        "timeline": events,
    }


def events_payload(report: Report, events: list[dict[str, Any]]) -> dict[str, Any]:
    """The body of ``POST /api/federation/reports/<origin id>/events/``."""
    with translation.override(settings.LANGUAGE_CODE):
        label = status_label(report.status)
    return {
        "version": PAYLOAD_VERSION,
        "instance": local_name(),
        "report": {"tracking_id": report.tracking_id, "status": report.status, "label": label},
        "events": events,
    }
