"""The staff report page (/petugas/laporan/<id>/) and its action forms."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tuntas.accounts.models import User
from tuntas.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from tuntas.federation.models import Peer
from tuntas.reports.access import available_actions, get_visible_report
from tuntas.reports.actions.dispatch import run_staff_action
from tuntas.reports.models import Report
from tuntas.reports.staff_view import staff_view
from tuntas.reports.transitions import Action, transition_for
from tuntas.staff.forms.actions import ActionForm
from tuntas.staff.guard import staff_required, staff_user
from tuntas.staff.registry import REGISTRY, ActionSpec


@dataclass(frozen=True)
class ActionPanel:
    action: Action
    label: str
    form: ActionForm
    spec: ActionSpec
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
    view = staff_view(user, report, now=timezone.now())
    panels: list[ActionPanel] = []
    for offered in view.actions:
        action = offered.action
        spec = REGISTRY.get(action)
        if spec is None:
            continue
        if bound is not None and bound[0] == action:
            form, is_open = bound[1], True
        else:
            form, is_open = spec.form_class(report=report, user=user, action=action), False
        panels.append(ActionPanel(action, offered.label, form, spec, is_open))
    context = {
        "v": view,
        "panels": panels,
        # Forwarding to a peer deployment has its own page (it picks the peer).
        "can_forward_to_peer": view.may(Action.FORWARD_TO_PEER)
        and Peer.objects.filter(is_active=True).exists(),
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
    spec = REGISTRY.get(act)
    if spec is None:
        raise Http404(_("Aksi tidak dikenal."))
    form = spec.form_class(request.POST, request.FILES, report=report, user=user, action=act)
    try:
        _check_allowed(user, report, act)
        if not form.is_valid():
            raise ValidationFailed({})
        run_staff_action(act, report, user, form.cleaned_data)
    except ValidationFailed as exc:
        for name, errors in exc.errors.items():
            form.add_error(name if name in form.fields else None, errors)
        messages.error(request, exc.message)
        return _render(request, report, bound=(act, form), status=exc.status)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _render(request, report, status=exc.status)
    messages.success(request, str(spec.done))
    return redirect("staff:report", tracking_id=report.tracking_id)
