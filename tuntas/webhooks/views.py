"""Staff pages (/petugas/webhook/): coordinators and national admins manage their
subscriptions, read the latest deliveries and send a test ping."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tuntas.accounts.models import User
from tuntas.core.errors import NotFound, PermissionDenied, ValidationFailed
from tuntas.staff.guard import forbidden, staff_required, staff_user
from tuntas.webhooks import services
from tuntas.webhooks.access import (
    get_subscription,
    manageable_organisations,
    may_manage_webhooks,
    recent_deliveries,
    subscriptions_visible_to,
    webhook_scope,
)
from tuntas.webhooks.forms import SubscriptionForm
from tuntas.webhooks.models import EventType, WebhookSubscription


def _only_admins(request: HttpRequest) -> HttpResponse:
    return forbidden(request, _("Halaman ini hanya untuk admin koordinator dan admin nasional."))


def _subscription(user: User, pk: int) -> WebhookSubscription:
    try:
        return get_subscription(webhook_scope(user), pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _show_errors(form: SubscriptionForm, exc: ValidationFailed) -> None:
    for name, errors in exc.errors.items():
        form.add_error(name if name in form.fields else None, errors)
    if not exc.errors:
        form.add_error(None, exc.message)


def _secret_page(request: HttpRequest, sub: WebhookSubscription, *, created: bool) -> HttpResponse:
    """The secret, shown this once (never cached)."""
    return render(
        request,
        "webhooks/secret.html",
        {"sub": sub, "created": created},
        status=201 if created else 200,
    )


@require_GET
@staff_required
def subscription_list(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not may_manage_webhooks(user):
        return _only_admins(request)
    subs = list(subscriptions_visible_to(webhook_scope(user)).order_by("organisation__name", "id"))
    return render(request, "webhooks/list.html", {"subs": subs, "event_types": EventType})


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def subscription_create(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    if not may_manage_webhooks(user):
        return _only_admins(request)
    organisations = manageable_organisations(webhook_scope(user))
    form = SubscriptionForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            org = next(o for o in organisations if o.pk == data["organisation"])
            try:
                sub = services.create_subscription(
                    actor=user,
                    organisation=org,
                    url=data["url"],
                    events=data["events"],
                    description=data["description"],
                )
            except ValidationFailed as exc:
                _show_errors(form, exc)
            except PermissionDenied as exc:
                return forbidden(request, exc.message)
            else:
                return _secret_page(request, sub, created=True)
        return render(request, "webhooks/form.html", {"form": form, "sub": None}, status=400)
    return render(request, "webhooks/form.html", {"form": form, "sub": None})


@never_cache
@require_http_methods(["GET", "POST"])
@staff_required
def subscription_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    if not may_manage_webhooks(user):
        return _only_admins(request)
    sub = _subscription(user, pk)
    initial = {
        "url": sub.url,
        "events": sub.events,
        "description": sub.description,
        "is_active": sub.is_active,
    }
    form = SubscriptionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        organisations=[sub.organisation],
        editing=True,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_subscription(
                    sub,
                    actor=user,
                    url=data["url"],
                    events=data["events"],
                    description=data["description"],
                    is_active=data["is_active"],
                )
            except ValidationFailed as exc:
                _show_errors(form, exc)
            except PermissionDenied as exc:
                return forbidden(request, exc.message)
            else:
                messages.success(request, _("Langganan webhook sudah disimpan."))
                return redirect("webhooks:detail", pk=sub.pk)
    context = {"form": form, "sub": sub, "deliveries": recent_deliveries(sub)}
    return render(request, "webhooks/detail.html", context, status=status)


@never_cache
@require_POST
@staff_required
def rotate(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    if not may_manage_webhooks(user):
        return _only_admins(request)
    sub = _subscription(user, pk)
    try:
        sub = services.rotate_secret(sub, actor=user)
    except PermissionDenied as exc:
        return forbidden(request, exc.message)
    return _secret_page(request, sub, created=False)


@require_POST
@staff_required
def ping(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    if not may_manage_webhooks(user):
        return _only_admins(request)
    sub = _subscription(user, pk)
    try:
        services.send_ping(sub, actor=user)
    except PermissionDenied as exc:
        return forbidden(request, exc.message)
    messages.success(
        request,
        _("Ping uji dijadwalkan. Muat ulang halaman ini untuk melihat hasil pengirimannya."),
    )
    return redirect("webhooks:detail", pk=sub.pk)


@require_POST
@staff_required
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_user(request)
    if not may_manage_webhooks(user):
        return _only_admins(request)
    sub = _subscription(user, pk)
    try:
        services.delete_subscription(sub, actor=user)
    except PermissionDenied as exc:
        return forbidden(request, exc.message)
    messages.success(request, _("Langganan webhook sudah dihapus."))
    return redirect("webhooks:list")
