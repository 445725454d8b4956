"""Attachment downloads for staff who can see the report."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_GET

from tuntas.staff.guard import staff_required, staff_user
from tuntas.staff.views.report import visible_report


@require_GET
@staff_required
def attachment(request: HttpRequest, tracking_id: str, attachment_id: int) -> HttpResponseBase:
    report = visible_report(staff_user(request), tracking_id)
    item = report.attachments.filter(pk=attachment_id).first()
    if item is None:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
