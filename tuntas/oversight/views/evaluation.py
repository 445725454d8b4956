"""/petugas/pengawasan/monev/: monitoring and evaluation records (SOP 4)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tuntas.accounts.models import User
from tuntas.core.errors import ApplicationError, ValidationFailed
from tuntas.core.form_action import show_refusal, submit_form
from tuntas.oversight import access, selectors
from tuntas.oversight.actions import (
    EvaluationInput,
    apply_evaluation_move,
    create_evaluation_record,
    parse_tracking_ids,
    update_evaluation_record,
)
from tuntas.oversight.forms import EvaluationForm, EvaluationSearchForm, NoteForm
from tuntas.oversight.models import EvaluationRecord
from tuntas.oversight.transitions import APPROVER, TEAM, EvaluationMove, evaluation_moves_from
from tuntas.oversight.views.common import found
from tuntas.reports.uploads import check_uploads
from tuntas.staff.guard import forbidden, staff_required, staff_user

MOVE_LABELS = {
    EvaluationMove.SUBMIT: gettext_lazy("Ajukan ke Kepala Dinas"),
    EvaluationMove.APPROVE: gettext_lazy("Setujui (paraf Kepala Dinas)"),
    EvaluationMove.RETURN: gettext_lazy("Kembalikan untuk diperbaiki"),
    EvaluationMove.ARCHIVE: gettext_lazy("Arsipkan"),
}
MOVE_DONE = {
    EvaluationMove.SUBMIT: gettext_lazy("Catatan diajukan ke Kepala Dinas."),
    EvaluationMove.APPROVE: gettext_lazy("Catatan disetujui."),
    EvaluationMove.RETURN: gettext_lazy("Catatan dikembalikan untuk diperbaiki."),
    EvaluationMove.ARCHIVE: gettext_lazy("Catatan diarsipkan."),
}


def _team_pemdas(user: User) -> list[Any]:
    return list(access.pemdas(access.pemdas_with(user, access.TEAM_ROLES)))


@require_GET
@staff_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not access.readable_pemdas(user):
        return forbidden(request, _("Pemantauan dan evaluasi hanya untuk pengelola pengaduan."))
    form = EvaluationSearchForm(request.GET or None)
    filters: dict[str, Any] = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            filters = {
                "start": form.cleaned_data["dari"],
                "end": form.cleaned_data["sampai"],
                "text": form.cleaned_data["q"],
                "state": form.cleaned_data["status"],
            }
        else:
            status = 400
    records = selectors.evaluations_for(user, **filters)[:200]
    context = {
        "form": form,
        "records": records,
        "queue": selectors.evaluation_queue(user),
        "may_create": bool(_team_pemdas(user)),
    }
    return render(request, "oversight/evaluation_list.html", context, status=status)


def _input(data: dict[str, Any]) -> EvaluationInput:
    return EvaluationInput(
        kind=data["kind"],
        title=data["title"],
        held_on=data["held_on"],
        place=data["place"],
        participants=data["participants"],
        minutes=data["minutes"],
        tracking_ids=parse_tracking_ids(data["tracking_ids"]),
        agencies=list(data["agencies"]),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def evaluation_create(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    pemdas = _team_pemdas(user)
    if not pemdas:
        return forbidden(
            request, _("Hanya tim pengelola pengaduan yang dapat membuat catatan pemantauan.")
        )
    form = EvaluationForm(request.POST or None, request.FILES or None, pemdas=pemdas)
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationFailed({})
            record = create_evaluation_record(
                pemda=form.cleaned_data["pemda"],
                data=_input(form.cleaned_data),
                files=check_uploads(form.cleaned_data["attachments"], "attachments"),
                actor=user,
            )
        except ApplicationError as exc:
            status = show_refusal(request, exc, form)
        else:
            messages.success(request, _("Catatan pemantauan disimpan."))
            return redirect("oversight:evaluation_detail", pk=record.pk)
    return render(
        request, "oversight/evaluation_form.html", {"form": form, "record": None}, status=status
    )


@require_http_methods(["GET", "POST"])
@staff_required
def evaluation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    record = found(lambda: selectors.get_evaluation(user, pk))
    pemdas = [record.pemda]
    initial = {
        "pemda": record.pemda_id,
        "kind": record.kind,
        "title": record.title,
        "held_on": record.held_on,
        "place": record.place,
        "participants": record.participants,
        "minutes": record.minutes,
        "tracking_ids": " ".join(r.tracking_id for r in record.reports.all()),
        "agencies": list(record.agencies.all()),
    }
    form = EvaluationForm(
        request.POST or None, request.FILES or None, pemdas=pemdas, initial=initial
    )
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationFailed({})
            update_evaluation_record(
                record,
                data=_input(form.cleaned_data),
                files=check_uploads(form.cleaned_data["attachments"], "attachments"),
                actor=user,
            )
        except ApplicationError as exc:
            status = show_refusal(request, exc, form)
        else:
            messages.success(request, _("Catatan pemantauan diperbarui."))
            return redirect("oversight:evaluation_detail", pk=record.pk)
    return render(
        request, "oversight/evaluation_form.html", {"form": form, "record": record}, status=status
    )


def _render_detail(
    request: HttpRequest,
    record: EvaluationRecord,
    *,
    bound: tuple[str, NoteForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = staff_user(request)
    team = bool(access.pemda_roles(user).get(record.pemda_id, frozenset()) & access.TEAM_ROLES)
    approver = access.is_approver(user, record.pemda)
    panels = []
    may_edit = False
    for row in evaluation_moves_from(record.state):
        allowed = (row.actor == TEAM and team) or (row.actor == APPROVER and approver)
        if not allowed:
            continue
        if row.move == EvaluationMove.EDIT:
            may_edit = True
            continue
        form = (
            bound[1]
            if bound is not None and bound[0] == row.move
            else NoteForm(auto_id=f"id_{row.move}_%s")
        )
        panels.append(
            {
                "move": str(row.move),
                "label": str(MOVE_LABELS[row.move]),
                "form": form,
                "with_note": row.actor == APPROVER,
                "note_required": row.note_required,
            }
        )
    context = {
        "record": record,
        "reports": list(record.reports.order_by("tracking_id")),
        "agencies": list(record.agencies.order_by("name")),
        "attachments": list(record.attachments.all()),
        "panels": panels,
        "may_edit": may_edit,
    }
    return render(request, "oversight/evaluation_detail.html", context, status=status)


@require_GET
@staff_required
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    return _render_detail(request, found(lambda: selectors.get_evaluation(user, pk)))


@require_POST
@staff_required
def evaluation_action(request: HttpRequest, pk: int, move: str) -> HttpResponse:
    user = staff_user(request)
    record = found(lambda: selectors.get_evaluation(user, pk))
    try:
        chosen = EvaluationMove(move)
    except ValueError as exc:
        raise Http404(_("Langkah tidak dikenal.")) from exc
    if chosen == EvaluationMove.EDIT:
        raise Http404(_("Langkah tidak dikenal."))
    form = NoteForm(request.POST, auto_id=f"id_{chosen}_%s")

    def refused(status: int, exc: ApplicationError) -> HttpResponse:
        record.refresh_from_db()
        return _render_detail(request, record, bound=(chosen, form), status=status)

    return submit_form(
        request,
        form,
        lambda: apply_evaluation_move(record, chosen, actor=user, note=form.cleaned_data["note"]),
        done=MOVE_DONE[chosen],
        then=reverse("oversight:evaluation_detail", args=[record.pk]),
        refused=refused,
    )


@require_GET
@staff_required
def evaluation_attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    user = staff_user(request)
    record = found(lambda: selectors.get_evaluation(user, pk))
    attachment = record.attachments.filter(pk=attachment_id).first()
    if attachment is None:
        raise Http404(_("Lampiran tidak ditemukan."))
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Lampiran tidak ditemukan.")) from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
