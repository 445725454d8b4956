"""/petugas/pengawasan/triwulan/: the quarterly report and its sign-off chain (SOP 3)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tuntas.accounts.models import User
from tuntas.core.errors import ApplicationError, ValidationFailed
from tuntas.core.form_action import show_refusal, submit_form
from tuntas.exports.response import export_response
from tuntas.organisations.models import Role
from tuntas.oversight import access, selectors
from tuntas.oversight.actions import apply_move, compile_quarterly_report
from tuntas.oversight.charts import bar_chart
from tuntas.oversight.forms import CompileForm, NoteForm, RecompileForm
from tuntas.oversight.models import QuarterlyReport, QuarterlyState
from tuntas.oversight.periods import last_ended_quarter
from tuntas.oversight.quarterly import stored_document
from tuntas.oversight.transitions import QuarterlyMove, quarterly_moves_for
from tuntas.oversight.views.common import found
from tuntas.staff.guard import forbidden, staff_required, staff_user

MOVE_LABELS = {
    QuarterlyMove.SUBMIT: gettext_lazy("Ajukan ke Kasi"),
    QuarterlyMove.RETURN: gettext_lazy("Kembalikan untuk diperbaiki"),
    QuarterlyMove.INITIAL: gettext_lazy("Paraf"),
    QuarterlyMove.CHECK_RESOLVED: gettext_lazy("Paraf pengecekan aduan selesai"),
    QuarterlyMove.ARCHIVE: gettext_lazy("Disposisikan untuk diarsipkan"),
}
MOVE_DONE = {
    QuarterlyMove.SUBMIT: gettext_lazy("Laporan triwulan diajukan ke Kasi."),
    QuarterlyMove.RETURN: gettext_lazy(
        "Laporan triwulan dikembalikan ke admin utama untuk diperbaiki."
    ),
    QuarterlyMove.INITIAL: gettext_lazy("Laporan triwulan telah diparaf."),
    QuarterlyMove.CHECK_RESOLVED: gettext_lazy("Pengecekan aduan selesai telah diparaf."),
    QuarterlyMove.ARCHIVE: gettext_lazy(
        "Laporan triwulan diarsipkan sebagai bahan rapat evaluasi."
    ),
}


def _compile_form(user: User, data: object = None) -> CompileForm | None:
    pemdas = list(access.pemdas(access.pemdas_with(user, {Role.COORDINATOR})))
    if not pemdas:
        return None
    now = timezone.now()
    form = CompileForm(data or None, pemdas=pemdas, this_year=now.year)
    if not form.is_bound:
        year, quarter = last_ended_quarter(pemdas[0], now)
        form.initial.update({"year": year, "quarter": quarter})
    return form


@require_http_methods(["GET", "POST"])
@staff_required
def quarterly_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not access.readable_pemdas(user):
        return forbidden(request, _("Laporan triwulan hanya untuk pengelola pengaduan."))
    form = _compile_form(user, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form is None:
            return forbidden(request, _("Laporan triwulan hanya dapat disusun oleh admin utama."))
        try:
            if not form.is_valid():
                raise ValidationFailed({})
            report = compile_quarterly_report(
                pemda=form.cleaned_data["pemda"],
                year=form.cleaned_data["year"],
                quarter=form.cleaned_data["quarter"],
                notes=form.cleaned_data["notes"],
                actor=user,
            )
        except ApplicationError as exc:
            status = show_refusal(request, exc, form)
        else:
            messages.success(request, _("Laporan triwulan telah disusun."))
            return redirect("oversight:quarterly_detail", pk=report.pk)
    context = {
        "form": form,
        "queue": selectors.quarterly_queue(user),
        "reports": selectors.quarterly_reports_for(user)[:100],
    }
    return render(request, "oversight/quarterly_list.html", context, status=status)


def _render_detail(
    request: HttpRequest,
    report: QuarterlyReport,
    *,
    bound: tuple[str, NoteForm] | None = None,
    recompile: RecompileForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = staff_user(request)
    roles = access.pemda_roles(user).get(report.pemda_id, frozenset())
    panels = []
    for row in quarterly_moves_for(report.state, roles):
        if row.move == QuarterlyMove.COMPILE:
            continue
        if bound is not None and bound[0] == row.move:
            form = bound[1]
        else:
            form = NoteForm(auto_id=f"id_{row.move}_%s")
        panels.append(
            {
                "move": str(row.move),
                "label": str(MOVE_LABELS[row.move]),
                "form": form,
                "note_required": row.note_required,
                "with_note": row.move != QuarterlyMove.SUBMIT,
            }
        )
    may_recompile = any(
        r.move == QuarterlyMove.COMPILE for r in quarterly_moves_for(report.state, roles)
    )
    content = report.content
    context = {
        "report": report,
        "content": content,
        "signoffs": list(report.signoffs.all()),
        "panels": panels,
        "recompile_form": recompile
        or (RecompileForm(initial={"notes": report.notes}) if may_recompile else None),
        "returned_note": report.signoffs.filter(decision="returned")
        .order_by("-created_at", "-id")
        .first()
        if report.state == QuarterlyState.RETURNED
        else None,
        "channel_chart": bar_chart(_("Laporan menurut kanal"), content.get("by_channel", [])),
        "agency_chart": bar_chart(_("Laporan menurut OPD utama"), content.get("by_agency", [])),
        "rows": content.get("rows", [])[:200],
        "more_rows": max(0, len(content.get("rows", [])) - 200),
    }
    return render(request, "oversight/quarterly_detail.html", context, status=status)


@require_GET
@staff_required
def quarterly_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    report = found(lambda: selectors.get_quarterly_report(user, pk))
    return _render_detail(request, report)


@require_POST
@staff_required
def quarterly_action(request: HttpRequest, pk: int, move: str) -> HttpResponse:
    user = staff_user(request)
    report = found(lambda: selectors.get_quarterly_report(user, pk))
    try:
        chosen = QuarterlyMove(move)
    except ValueError as exc:
        raise Http404(_("Langkah tidak dikenal.")) from exc
    if chosen == QuarterlyMove.COMPILE:
        raise Http404(_("Langkah tidak dikenal."))
    form = NoteForm(request.POST, auto_id=f"id_{chosen}_%s")

    def refused(status: int, exc: ApplicationError) -> HttpResponse:
        report.refresh_from_db()
        return _render_detail(request, report, bound=(chosen, form), status=status)

    return submit_form(
        request,
        form,
        lambda: apply_move(report, chosen, actor=user, note=form.cleaned_data["note"]),
        done=MOVE_DONE[chosen],
        then=reverse("oversight:quarterly_detail", args=[report.pk]),
        refused=refused,
    )


@require_POST
@staff_required
def quarterly_recompile(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    report = found(lambda: selectors.get_quarterly_report(user, pk))
    form = RecompileForm(request.POST)

    def refused(status: int, exc: ApplicationError) -> HttpResponse:
        report.refresh_from_db()
        return _render_detail(request, report, recompile=form, status=status)

    return submit_form(
        request,
        form,
        lambda: compile_quarterly_report(
            pemda=report.pemda,
            year=report.year,
            quarter=report.quarter,
            notes=form.cleaned_data["notes"],
            actor=user,
        ),
        done=_("Laporan triwulan telah disusun ulang."),
        then=reverse("oversight:quarterly_detail", args=[report.pk]),
        refused=refused,
    )


@require_GET
@staff_required
def quarterly_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    user = staff_user(request)
    report = found(lambda: selectors.get_quarterly_report(user, pk))
    stem = f"laporan-triwulan-{report.pemda.code}-{report.year}-T{report.quarter}"
    return export_response(stored_document(report), fmt, stem)
