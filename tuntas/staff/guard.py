"""Who may open the staff pages at all: a signed-in person with a staff scope."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django_stubs_ext import StrOrPromise

from tuntas.accounts.models import User
from tuntas.organisations.authority import Scope, scope_of
from tuntas.organisations.models import Organisation

StaffView = Callable[..., HttpResponseBase]


def staff_user(request: HttpRequest) -> User:
    """The signed-in staff member (only call inside a ``staff_required`` view)."""
    user = request.user
    assert isinstance(user, User)
    return user


def forbidden(request: HttpRequest, message: str = "") -> HttpResponse:
    return render(request, "staff/forbidden.html", {"message": message}, status=403)


def allowed_only(
    may: Callable[[User], bool], message: StrOrPromise = ""
) -> Callable[[StaffView], StaffView]:
    """A view decorator: anonymous → the login page; a user ``may`` refuses → 403 with
    ``message``; anyone else → the view."""

    def decorator(view: StaffView) -> StaffView:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            assert isinstance(user, User)
            if not may(user):
                return forbidden(request, str(message))
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def staff_required(view: StaffView) -> StaffView:
    """Anonymous → the login page; a signed-in citizen → 403; staff → the view."""
    return allowed_only(lambda user: scope_of(user).is_staff)(view)


def can_intake(scope: Scope) -> bool:
    pemdas, agencies = scope.intake_organisation_ids()
    return bool(pemdas or agencies)


def intake_organisations(scope: Scope) -> list[Organisation]:
    """The organisations the user may type in outside-channel reports for."""
    pemdas, agencies = scope.intake_organisation_ids()
    return list(
        Organisation.objects.filter(pk__in=[*pemdas, *agencies])
        .select_related("parent")
        .order_by("kind", "name")
    )
