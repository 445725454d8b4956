"""Attachment downloads for staff who can see the report."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_GET

from tuntas.core.errors import NotFound
from tuntas.reports.downloads import attachment_response
from tuntas.staff.guard import staff_required, staff_user
from tuntas.staff.views.report import visible_report


@require_GET
@staff_required
def attachment(request: HttpRequest, tracking_id: str, attachment_id: int) -> HttpResponseBase:
    report = visible_report(staff_user(request), tracking_id)
    try:
        return attachment_response(report.attachments.filter(pk=attachment_id).first())
    except NotFound as exc:
        raise Http404 from exc
