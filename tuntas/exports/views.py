"""Export downloads for staff (/petugas/ekspor/)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tuntas.exports.document import FORMATS
from tuntas.exports.report_record import report_record
from tuntas.exports.response import export_response
from tuntas.staff.guard import staff_required, staff_user
from tuntas.staff.views.report import visible_report


@require_GET
@staff_required
def report_file(request: HttpRequest, tracking_id: str, fmt: str) -> HttpResponse:
    """A report's full record as PDF, XLSX or CSV; 404 outside the person's scope."""
    if fmt not in FORMATS:
        raise Http404(_("Format berkas tidak dikenal. Pilih PDF, XLSX atau CSV."))
    user = staff_user(request)
    report = visible_report(user, tracking_id)
    document = report_record(user, report, timezone.now())
    return export_response(document, fmt, f"berkas-laporan-{report.tracking_id}")
