"""Staff pages for API keys (/petugas/kunci-api/): list, issue, see uses, revoke.

Coordinators manage the keys of their Pemda and its agencies; national admins all keys;
anyone else gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import wraps
from zoneinfo import ZoneInfo

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tuntas.apikeys.access import get_visible_key, keys_visible_to, manageable_organisations
from tuntas.apikeys.access import may_manage_keys as _may_manage
from tuntas.apikeys.forms import IssueKeyForm, RevokeKeyForm
from tuntas.apikeys.models import ApiKey
from tuntas.apikeys.services import issue_api_key, revoke_api_key
from tuntas.core.errors import ApplicationError, ValidationFailed
from tuntas.staff.guard import forbidden, staff_required, staff_user

SESSION_KEY = "apikeys_issued"
RECENT_USES = 50

KeyView = Callable[..., HttpResponseBase]


def key_managers_only(view: KeyView) -> KeyView:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        if not _may_manage(staff_user(request)):
            return forbidden(
                request,
                _("Hanya admin koordinator dan admin nasional yang dapat mengelola kunci API."),
            )
        return view(request, *args, **kwargs)

    return staff_required(wrapper)


def _show_errors(request: HttpRequest, form: forms.Form, exc: ApplicationError) -> int:
    if isinstance(exc, ValidationFailed):
        for name, errors in exc.errors.items():
            form.add_error(name if name in form.fields else None, errors)
    messages.error(request, exc.message)
    return exc.status


def _end_of_day(day: date | None, tz: str) -> datetime | None:
    """A key valid "until" a date stops at the end of that day in the owner's time zone."""
    if day is None:
        return None
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(tz)) + timedelta(days=1)


@never_cache
@key_managers_only
def key_list(request: HttpRequest) -> HttpResponse:
    keys = keys_visible_to(staff_user(request)).order_by("revoked_at", "-created_at", "-id")
    return render(request, "apikeys/list.html", {"keys": keys})


@never_cache
@key_managers_only
def key_create(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    form = IssueKeyForm(request.POST or None, organisations=manageable_organisations(user))
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationFailed({})
            data = form.cleaned_data
            organisation = data["organisation"]
            key, secret = issue_api_key(
                actor=user,
                organisation=organisation,
                name=data["name"],
                scopes=list(data["scopes"]),
                rate_limit_per_minute=data["rate_limit_per_minute"],
                expires_at=_end_of_day(data["expires_on"], organisation.timezone),
            )
        except ApplicationError as exc:
            status = _show_errors(request, form, exc)
        else:
            request.session[SESSION_KEY] = {"key_id": key.pk, "secret": secret}
            return redirect("apikeys:created")
    return render(request, "apikeys/create.html", {"form": form}, status=status)


@never_cache
@key_managers_only
def key_created(request: HttpRequest) -> HttpResponse:
    """Shows the secret once; reloading the page does not show it again."""
    issued = request.session.pop(SESSION_KEY, None)
    if not issued:
        return redirect("apikeys:list")
    try:
        key = get_visible_key(staff_user(request), issued["key_id"])
    except ApplicationError:
        return redirect("apikeys:list")
    return render(request, "apikeys/created.html", {"key": key, "secret": issued["secret"]})


def _detail(request: HttpRequest, key: ApiKey, form: RevokeKeyForm, status: int) -> HttpResponse:
    uses = key.uses.all()[:RECENT_USES]
    return render(
        request,
        "apikeys/detail.html",
        {"key": key, "uses": uses, "form": form, "recent": RECENT_USES},
        status=status,
    )


@never_cache
@key_managers_only
def key_detail(request: HttpRequest, key_id: int) -> HttpResponse:
    try:
        key = get_visible_key(staff_user(request), key_id)
    except ApplicationError:
        return render(request, "404.html", status=404)
    return _detail(request, key, RevokeKeyForm(), 200)


@require_POST
@key_managers_only
def key_revoke(request: HttpRequest, key_id: int) -> HttpResponse:
    user = staff_user(request)
    try:
        key = get_visible_key(user, key_id)
    except ApplicationError:
        return render(request, "404.html", status=404)
    form = RevokeKeyForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationFailed({})
        revoke_api_key(actor=user, key=key, reason=form.cleaned_data["reason"])
    except ApplicationError as exc:
        return _detail(request, key, form, _show_errors(request, form, exc))
    messages.success(request, _("Kunci API dicabut. Aplikasi tidak dapat memakainya lagi."))
    return redirect("apikeys:detail", key_id=key.pk)
