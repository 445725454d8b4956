"""/petugas/federasi/: peers (other Tuntas deployments), reports exchanged with them,
and forwarding a report that is not in this deployment's authority."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from tuntas.accounts.models import User
from tuntas.core.errors import ApplicationError, NotFound, ValidationFailed
from tuntas.federation.actions import forward_to_peer
from tuntas.federation.forms import ForwardForm, PeerForm
from tuntas.federation.models import ForwardedReport, Peer
from tuntas.federation.peers import (
    PeerInput,
    create_peer,
    get_visible_peer,
    may_manage_peers,
    peers_visible_to,
    update_peer,
)
from tuntas.reports.access import available_actions, get_visible_report, reports_visible_to
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status
from tuntas.reports.transitions import Action
from tuntas.staff.guard import allowed_only, staff_user

SESSION_KEY = "federation_new_peer"
LIST_LIMIT = 50


# Anonymous → login; anyone but coordinators and national admins → 403.
managers_only = allowed_only(
    may_manage_peers,
    gettext_lazy("Hanya admin koordinator dan admin nasional yang dapat membuka halaman ini."),
)


def _links(user: User) -> QuerySet[ForwardedReport]:
    visible = reports_visible_to(user).values("pk")
    return (
        ForwardedReport.objects.filter(report__in=visible)
        .select_related("report", "peer")
        .order_by("-created_at", "-id")
    )


def _waiting(user: User) -> list[Report]:
    """Reports in this person's scope that may be forwarded now."""
    candidates = reports_visible_to(user).filter(status=Status.NOT_IN_AUTHORITY)
    return [
        r
        for r in candidates.order_by("-status_changed_at")[:LIST_LIMIT]
        if Action.FORWARD_TO_PEER in available_actions(user, r)
    ]


@never_cache
@require_GET
@managers_only
def home(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    return render(
        request,
        "federation/home.html",
        {
            "peers": peers_visible_to(user),
            "links": _links(user)[:LIST_LIMIT],
            "waiting": _waiting(user),
        },
    )


def _show_errors(request: HttpRequest, form: PeerForm | ForwardForm, exc: ApplicationError) -> int:
    if isinstance(exc, ValidationFailed):
        for name, errors in exc.errors.items():
            form.add_error(name if name in form.fields else None, errors)
    messages.error(request, exc.message)
    return exc.status


def _peer_input(form: PeerForm) -> PeerInput:
    data = form.cleaned_data
    return PeerInput(
        name=data["name"],
        base_url=data["base_url"],
        organisation=data["organisation"],
        outbound_key=data.get("outbound_key") or "",
        is_active=bool(data.get("is_active")),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@managers_only
def peer_create(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = PeerForm(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationFailed({})
            created = create_peer(_peer_input(form), actor=user)
        except ApplicationError as exc:
            status = _show_errors(request, form, exc)
        else:
            request.session[SESSION_KEY] = {
                "peer_id": created.peer.pk,
                "secret": created.inbound_secret,
            }
            return redirect("federation:peer_created")
    return render(request, "federation/peer_form.html", {"form": form, "peer": None}, status=status)


@never_cache
@require_GET
@managers_only
def peer_created(request: HttpRequest) -> HttpResponse:
    issued = request.session.pop(SESSION_KEY, None)
    if not issued:
        return redirect("federation:home")
    peer = peers_visible_to(staff_user(request)).filter(pk=issued["peer_id"]).first()
    if peer is None:
        return redirect("federation:home")
    return render(
        request, "federation/peer_created.html", {"peer": peer, "secret": issued["secret"]}
    )


def _peer(request: HttpRequest, pk: int) -> Peer:
    try:
        return get_visible_peer(staff_user(request), pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@never_cache
@require_http_methods(["GET", "POST"])
@managers_only
def peer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    peer = _peer(request, pk)
    initial = {
        "name": peer.name,
        "base_url": peer.base_url,
        "organisation": peer.organisation_id,
        "is_active": peer.is_active,
    }
    form = PeerForm(request.POST or None, user=user, editing=True, initial=initial)
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationFailed({})
            update_peer(peer, _peer_input(form), actor=user)
        except ApplicationError as exc:
            status = _show_errors(request, form, exc)
        else:
            messages.success(request, _("Instansi Tuntas disimpan."))
            return redirect("federation:home")
    return render(request, "federation/peer_form.html", {"form": form, "peer": peer}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
@managers_only
def forward(request: HttpRequest, tracking_id: str) -> HttpResponse:
    user = staff_user(request)
    try:
        report = get_visible_report(user, tracking_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = ForwardForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationFailed({})
            forward_to_peer(
                report,
                actor=Actor(user=user),
                peer=form.cleaned_data["peer"],
                note=form.cleaned_data.get("note") or "",
            )
        except ApplicationError as exc:
            status = _show_errors(request, form, exc)
        else:
            messages.success(
                request,
                _("Laporan diteruskan ke %(peer)s; status dari sana akan tampil di riwayat.")
                % {"peer": form.cleaned_data["peer"].name},
            )
            return redirect("federation:home")
    return render(
        request, "federation/forward.html", {"form": form, "report": report}, status=status
    )
