"""The staff report page (/petugas/laporan/<id>/) and its action forms."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tuntas.accounts.models import User
from tuntas.audit.models import IdentitySurface
from tuntas.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from tuntas.core.form_action import submit_form
from tuntas.reports.access import available_actions, get_visible_report
from tuntas.reports.actions import Actor
from tuntas.reports.actions.base import runner_for
from tuntas.reports.declarations import StaffSurface, declaration
from tuntas.reports.models import Report
from tuntas.reports.staff_view import staff_view
from tuntas.reports.transitions import Action, transition_for
from tuntas.staff.forms.actions import ActionForm, form_class
from tuntas.staff.guard import staff_required, staff_user


@dataclass(frozen=True)
class ActionPanel:
    action: Action
    label: str
    form: ActionForm
    spec: StaffSurface
    is_open: bool


def visible_report(user: User, tracking_id: str) -> Report:
    try:
        return get_visible_report(user, tracking_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _render(
    request: HttpRequest,
    report: Report,
    *,
    bound: tuple[Action, ActionForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = staff_user(request)
    # Everything the page reads of the report: the one staff view (page, API, export).
    view = staff_view(user, report, now=timezone.now(), surface=IdentitySurface.PAGE)
    panels: list[ActionPanel] = []
    for offered in view.actions:
        action = offered.action
        declared = declaration(action)
        if declared.staff is None:
            continue
        if bound is not None and bound[0] == action:
            form, is_open = bound[1], True
        else:
            form, is_open = form_class(declared)(report=report, user=user, action=action), False
        panels.append(ActionPanel(action, offered.label, form, declared.staff, is_open))
    context = {
        "v": view,
        "panels": panels,
        # Forwarding to a peer deployment has its own page (it picks the peer); whether a
        # peer is active, federation's template tag says (staff import no federation).
        "may_forward_to_peer": view.may(Action.FORWARD_TO_PEER),
    }
    return render(request, "staff/report.html", context, status=status)


@require_GET
@staff_required
def report_page(request: HttpRequest, tracking_id: str) -> HttpResponse:
    return _render(request, visible_report(staff_user(request), tracking_id))


def _check_allowed(user: User, report: Report, action: Action) -> None:
    """Refuse before reading the input: a wrong status is 409, a missing role 403."""
    transition_for(action, report.status)
    if action not in available_actions(user, report):
        raise PermissionDenied(_("Anda tidak berwenang melakukan aksi ini pada laporan ini."))


@require_POST
@staff_required
def report_action(request: HttpRequest, tracking_id: str, action: str) -> HttpResponse:
    user = staff_user(request)
    report = visible_report(user, tracking_id)
    try:
        act = Action(action)
    except ValueError as exc:
        raise Http404(_("Aksi tidak dikenal.")) from exc
    declared = declaration(act)
    if declared.staff is None:
        raise Http404(_("Aksi tidak dikenal."))
    form = form_class(declared)(request.POST, request.FILES, report=report, user=user, action=act)

    def refused(status: int, exc: ApplicationError) -> HttpResponse:
        # Field errors reopen the form with what was typed; other refusals do not.
        keep = (act, form) if isinstance(exc, ValidationFailed) else None
        return _render(request, report, bound=keep, status=status)

    return submit_form(
        request,
        form,
        lambda: runner_for(act).run(report, form.to_input(), actor=Actor(user=user)),
        check=lambda: _check_allowed(user, report, act),
        done=declared.staff.done,
        then=reverse("staff:report", args=[report.tracking_id]),
        refused=refused,
    )
