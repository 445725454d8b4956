"""/petugas/pengawasan/rekap-harian/: a day's recap of a Pemda or an agency (SOP 6)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tuntas.accounts.models import User
from tuntas.core.errors import ApplicationError, ValidationFailed
from tuntas.core.form_action import show_refusal
from tuntas.exports.response import export_response
from tuntas.organisations.models import Organisation
from tuntas.oversight import access
from tuntas.oversight.actions import report_daily_recap
from tuntas.oversight.charts import bar_chart
from tuntas.oversight.forms import RecapFilterForm, RecapReportForm
from tuntas.oversight.models import DailyRecap
from tuntas.oversight.periods import default_recap_day, is_working_day, local_today
from tuntas.oversight.recap import FIGURES, compile_daily_recap, figure_labels, recap_document
from tuntas.staff.guard import forbidden, staff_required, staff_user


def _choose(request: HttpRequest, user: User) -> tuple[RecapFilterForm, Organisation, date] | None:
    organisations = access.recap_organisations(user)
    if not organisations:
        return None
    form = RecapFilterForm(request.GET or None, organisations=organisations)
    by_pk = {o.pk: o for o in organisations}
    organisation = organisations[0]
    day: date | None = None
    if request.GET and form.is_valid():
        organisation = by_pk[form.cleaned_data["organisasi"]]
        day = form.cleaned_data["tanggal"]
    elif not request.GET:
        form = RecapFilterForm(initial={"organisasi": organisation.pk}, organisations=organisations)
    if day is None:
        day = default_recap_day(organisation, timezone.now())
        if not form.is_bound:
            form.initial["tanggal"] = day
    return form, organisation, day


def _context(
    request: HttpRequest, user: User, form: RecapFilterForm, organisation: Organisation, day: date
) -> dict[str, object]:
    now = timezone.now()
    figures = compile_daily_recap(organisation=organisation, day=day, now=now)
    labels = figure_labels()
    reported = (
        DailyRecap.objects.filter(organisation=organisation, day=day)
        .select_related("reported_by")
        .first()
    )
    counts = [(labels[key], figures["counts"][key]) for key, _label in FIGURES]
    return {
        "form": form,
        "organisation": organisation,
        "day": day,
        "figures": figures,
        "counts": counts,
        "working_day": is_working_day(organisation, day),
        "future": day >= local_today(organisation, now),
        "reported": reported,
        "may_report": reported is None
        and day < local_today(organisation, now)
        and access.may_report_recap(user, organisation),
        "report_form": RecapReportForm(),
        "count_chart": bar_chart(_("Jumlah laporan hari ini"), counts),
        "channel_chart": bar_chart(_("Laporan diterima menurut kanal"), figures["by_channel"]),
        "query": f"organisasi={organisation.pk}&tanggal={day.isoformat()}",
    }


@require_http_methods(["GET", "POST"])
@staff_required
def recap(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    chosen = _choose(request, user)
    if chosen is None:
        return forbidden(request, _("Rekap harian hanya untuk pengelola pengaduan dan OPD."))
    form, organisation, day = chosen
    status = 400 if form.is_bound and not form.is_valid() else 200
    if request.method == "POST":
        report_form = RecapReportForm(request.POST)
        try:
            if not (form.is_bound and form.is_valid() and report_form.is_valid()):
                raise ValidationFailed(
                    {}, _("Pilih cakupan dan tanggal rekap yang akan dilaporkan.")
                )
            note = report_form.cleaned_data["note"]
            report_daily_recap(organisation=organisation, day=day, actor=user, note=note)
        except ApplicationError as exc:
            status = show_refusal(request, exc, None)
        else:
            messages.success(request, _("Rekap harian telah dilaporkan ke atasan."))
            return redirect(
                f"{request.path}?organisasi={organisation.pk}&tanggal={day.isoformat()}"
            )
    return render(
        request,
        "oversight/recap.html",
        _context(request, user, form, organisation, day),
        status=status,
    )


@require_GET
@staff_required
def recap_export(request: HttpRequest, fmt: str) -> HttpResponse:
    user = staff_user(request)
    chosen = _choose(request, user)
    if chosen is None:
        return forbidden(request, _("Rekap harian hanya untuk pengelola pengaduan dan OPD."))
    form, organisation, day = chosen
    if form.is_bound and not form.is_valid():
        raise Http404(_("Rekap tidak ditemukan."))
    reported = (
        DailyRecap.objects.filter(organisation=organisation, day=day)
        .select_related("reported_by")
        .first()
    )
    figures = compile_daily_recap(organisation=organisation, day=day)
    document = recap_document(organisation, figures, reported=reported)
    return export_response(document, fmt, f"rekap-harian-{organisation.code}-{day.isoformat()}")
