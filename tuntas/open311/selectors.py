"""Open311 service requests: the PUBLIC reports of a Pemda, as the spec presents them.

Only what the public may read (``reports.selectors.public_reports``: never rahasia,
only public statuses), and nothing of the reporter: no name, e-mail, phone or NIK.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from tuntas.audit.models import AuditEvent
from tuntas.open311.catalog import OTHER_CODE
from tuntas.open311.params import (
    CLOSED,
    MAX_RESULTS,
    OPEN,
    Open311Error,
    comma_list,
    date_range,
    statuses,
)
from tuntas.organisations.models import Organisation
from tuntas.reports.disclosure import VISIBLE_TO, Audience, outside_entry
from tuntas.reports.models import DraftState, FollowUp, Report, Status
from tuntas.reports.selectors import public_reports, with_next_due

CLOSED_STATUSES = frozenset({Status.CLOSED})  # the only terminal status the public sees
FOLLOWUP_EXCERPT = 500


def _annotated(reports: QuerySet[Report]) -> QuerySet[Report]:
    last_event = AuditEvent.objects.filter(
        report=OuterRef("pk"), visibility__in=list(VISIBLE_TO[Audience.PUBLIC])
    ).order_by("-created_at", "-id")
    last_followup = FollowUp.objects.filter(
        report=OuterRef("pk"), state=DraftState.PUBLISHED
    ).order_by("-published_at", "-id")
    return with_next_due(reports).annotate(
        last_public_event=Subquery(last_event.values("id")[:1]),
        last_followup_body=Subquery(last_followup.values("body")[:1]),
    )


def public_requests(pemda: Organisation) -> QuerySet[Report]:
    return _annotated(public_reports().filter(pemda=pemda))


def find_request(pemda: Organisation, service_request_id: str) -> Report:
    report = public_requests(pemda).filter(tracking_id=service_request_id).first()
    if report is None:
        raise Open311Error(
            404,
            _("service_request_id %(id)s tidak ditemukan.") % {"id": service_request_id[:40]},
        )
    return report


def token_is_known(pemda: Organisation, tracking_id: str) -> bool:
    """Whether a request token names a report of ``pemda`` (any report an API key filed,
    published or not: the token only says that the request exists)."""
    return Report.objects.filter(tracking_id=tracking_id, pemda=pemda).exists()


def _service_filter(codes: list[str]) -> Q:
    ids = [int(c) for c in codes if c.isdigit()]
    q = Q(category_id__in=ids)
    if OTHER_CODE in codes:
        q |= Q(category__isnull=True)
    return q


def search_requests(pemda: Organisation, params: Mapping[str, str], now: datetime) -> list[Report]:
    """GET requests: ``service_request_id`` (comma list) overrides every other filter;
    otherwise ``service_code``, ``status`` and the date range (last 90 days by default);
    newest first, at most 1000."""
    reports = public_requests(pemda)
    ids = comma_list(params, "service_request_id")
    if ids:
        return list(reports.filter(tracking_id__in=ids[:MAX_RESULTS]).order_by("-created_at"))
    start, end = date_range(params, now)
    reports = reports.filter(created_at__gte=start, created_at__lte=end)
    if codes := comma_list(params, "service_code"):
        reports = reports.filter(_service_filter(codes))
    wanted = statuses(params)
    if wanted == {OPEN}:
        reports = reports.exclude(status__in=list(CLOSED_STATUSES))
    elif wanted == {CLOSED}:
        reports = reports.filter(status__in=list(CLOSED_STATUSES))
    return list(reports.order_by("-created_at", "-id")[:MAX_RESULTS])


def _status_notes(report: Report, event: AuditEvent | None, tz: ZoneInfo) -> str:
    notes = [str(Status(report.status).label) + "."]
    # The public's view of the last event: the one rule of tuntas.reports.disclosure.
    entry = outside_entry(event, report, Audience.PUBLIC) if event is not None else None
    if entry is not None:
        notes.append(
            _("Terakhir: %(action)s oleh %(who)s, %(when)s.")
            % {
                "action": entry.label,
                "who": entry.actor,
                "when": entry.at.astimezone(tz).strftime("%d-%m-%Y %H:%M"),
            }
        )
    body = getattr(report, "last_followup_body", None)
    if body:
        excerpt = body if len(body) <= FOLLOWUP_EXCERPT else body[:FOLLOWUP_EXCERPT] + "…"
        notes.append(_("Tindak lanjut: %(body)s") % {"body": excerpt})
    return " ".join(notes)


def _address(report: Report) -> str | None:
    parts = [p for p in (report.location_text, report.region.name if report.region else "") if p]
    return ", ".join(parts) or None


def request_documents(reports: list[Report], pemda: Organisation) -> list[dict[str, Any]]:
    """Each report as an Open311 ``request``; times in the Pemda's time zone."""
    tz = ZoneInfo(pemda.timezone)
    event_ids = [e for r in reports if (e := getattr(r, "last_public_event", None))]
    events = AuditEvent.objects.select_related("organisation").in_bulk(event_ids)
    out = []
    for report in reports:
        closed = report.status in CLOSED_STATUSES
        next_due: datetime | None = getattr(report, "next_due", None)
        expected = None if closed or next_due is None else next_due.astimezone(tz)
        updated = report.closed_at if closed and report.closed_at else report.status_changed_at
        category = report.category
        out.append(
            {
                "service_request_id": report.tracking_id,
                "status": CLOSED if closed else OPEN,
                "status_notes": _status_notes(
                    report, events.get(getattr(report, "last_public_event", None) or 0), tz
                ),
                "service_name": category.name if category else _("Lainnya"),
                "service_code": str(category.pk) if category else OTHER_CODE,
                "description": report.description[:4000],
                "agency_responsible": report.lead_agency.name if report.lead_agency else None,
                "service_notice": None,
                "requested_datetime": report.created_at.astimezone(tz),
                "updated_datetime": updated.astimezone(tz),
                "expected_datetime": expected,
                "address": _address(report),
                "address_id": report.region.code if report.region else None,
                "zipcode": None,
                "lat": float(report.latitude) if report.latitude is not None else None,
                "long": float(report.longitude) if report.longitude is not None else None,
                # No photo of a report is public in Tuntas (a reporter's photo may identify
                # them), so there is never a media URL to give.
                "media_url": None,
            }
        )
    return out
