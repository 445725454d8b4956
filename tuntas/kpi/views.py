"""The KPI dashboard, the compliance page and their exports (/petugas/kinerja/)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tuntas.exports.document import FORMATS
from tuntas.exports.response import export_download
from tuntas.kpi.access import KpiScope, kpi_scope
from tuntas.kpi.charts import Bar, bar_chart, number
from tuntas.kpi.dashboard import Dashboard, build_compliance, build_dashboard
from tuntas.kpi.document import dashboard_document
from tuntas.kpi.filters import KpiFilterForm
from tuntas.organisations.models import Organisation
from tuntas.staff.guard import forbidden, staff_required, staff_user

KpiView = Callable[..., HttpResponseBase]


def kpi_required(view: KpiView) -> Callable[..., HttpResponseBase]:
    """Staff with a Pemda-wide or agency role (or the national admin); others 403."""

    @staff_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        scope = kpi_scope(staff_user(request))
        if not scope.allowed:
            return forbidden(request, _("Dasbor kinerja hanya untuk admin dan pimpinan."))
        return view(request, scope, *args, **kwargs)

    return wrapper


def _form(request: HttpRequest, scope: KpiScope) -> KpiFilterForm:
    return KpiFilterForm(request.GET, scope=scope)


def charts(board: Dashboard) -> dict[str, object]:
    months = [Bar(r.label, r.total, number(r.total)) for r in board.months]
    channels = [Bar(r.label, r.total, number(r.total)) for r in board.groups["channel"]]
    agencies = [
        Bar(r.label, r.pct_within_limit, number(r.pct_within_limit, " %"))
        for r in board.groups["agency"]
        if r.needs_followup
    ]
    return {
        "months": bar_chart(_("Laporan diterima per bulan"), months, chart_id="chart-months"),
        "channels": bar_chart(_("Laporan per kanal"), channels, chart_id="chart-channels"),
        "agencies": bar_chart(
            _("Ditindaklanjuti tepat waktu per OPD utama (%)"),
            agencies,
            chart_id="chart-agencies",
            maximum=100,
        ),
    }


@kpi_required
def dashboard(request: HttpRequest, scope: KpiScope) -> HttpResponse:
    form = _form(request, scope)
    context: dict[str, object] = {"form": form, "scope": scope, "formats": FORMATS}
    if not form.is_valid():
        return render(request, "kpi/dashboard.html", context, status=400)
    f = form.to_filter()
    board = build_dashboard(scope, f, timezone.now())
    context.update(board=board, charts=charts(board), query=urlencode(f.query()))
    return render(request, "kpi/dashboard.html", context)


@kpi_required
def compliance(request: HttpRequest, scope: KpiScope) -> HttpResponse:
    form = _form(request, scope)
    context: dict[str, object] = {"form": form, "scope": scope}
    if not form.is_valid():
        return render(request, "kpi/compliance.html", context, status=400)
    f = form.to_filter()
    context.update(result=build_compliance(scope, f), query=urlencode(f.query()))
    return render(request, "kpi/compliance.html", context)


@kpi_required
def export(request: HttpRequest, scope: KpiScope, fmt: str) -> HttpResponseBase:
    form = _form(request, scope)
    if not form.is_valid():
        context = {"form": form, "scope": scope, "formats": FORMATS}
        return render(request, "kpi/dashboard.html", context, status=400)
    f = form.to_filter()
    now = timezone.now()
    board = build_dashboard(scope, f, now)
    own = None
    if not scope.national and len(scope.pemda_ids | scope.agency_ids) == 1:
        own = Organisation.objects.filter(pk__in=scope.pemda_ids | scope.agency_ids).first()
    document = dashboard_document(board, build_compliance(scope, f), now, own)
    stem = f"kinerja-{f.date_from.isoformat()}-{f.date_to.isoformat()}"
    return export_download(document, fmt, stem)
