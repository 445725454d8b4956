"""Sign in, sign out, citizen registration and the notification list."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tuntas.accounts import guard, two_factor
from tuntas.accounts.forms import LoginForm, RegisterForm
from tuntas.accounts.models import User
from tuntas.accounts.ratelimit import bump, count, counter_key
from tuntas.accounts.services import mark_notifications_read, register_citizen
from tuntas.accounts.signin import DEFAULT_BACKEND, begin_pending, complete_sign_in
from tuntas.core.clients import client_address
from tuntas.core.errors import ValidationFailed
from tuntas.organisations.authority import scope_of

NOTIFICATIONS_PER_PAGE = 30
REGISTER_WINDOW = 60 * 60


def home_for(user: User) -> str:
    """Where a person lands after signing in: staff inbox or the citizen's own reports."""
    if scope_of(user).is_staff:
        return reverse("staff:home")
    return reverse("citizen:my_reports")


def signed_in_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


class TuntasLoginView(LoginView):
    """The one password form of the product (the Django admin sends people here too).

    The sign-in guard refuses a locked client before any password is checked (429). A
    correct password signs in at once only those who need no second factor; the others
    go on to the code page (or must set up an authenticator app first).
    """

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        return home_for(signed_in_user(self.request))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if guard.is_blocked(request, str(request.POST.get("username", ""))):
            response = self.render_to_response(self.get_context_data(limited=True))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        assert isinstance(user, User)
        next_url = self.get_redirect_url()
        backend = getattr(user, "backend", DEFAULT_BACKEND)
        if two_factor.needs_second_factor(user):
            begin_pending(self.request, user, next_url=next_url)
            target = "two_factor_verify" if two_factor.has_device(user) else "two_factor_setup"
            return redirect(f"accounts:{target}")
        complete_sign_in(self.request, user, backend=backend)
        return HttpResponseRedirect(next_url or home_for(user))

    def form_invalid(self, form: Any) -> HttpResponse:
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 400
        return response


class TuntasLogoutView(LogoutView):
    """POST only (Django's default); GET answers 405."""


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(home_for(signed_in_user(request)))
    form = RegisterForm(request.POST or None)
    status = 200
    if request.method == "POST":
        attempts = counter_key("register", "ip", client_address(request))
        if count(attempts) >= int(settings.TUNTAS_REGISTER_PER_HOUR):
            return render(
                request, "accounts/register.html", {"form": form, "limited": True}, status=429
            )
        bump(attempts, window=REGISTER_WINDOW)
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = register_citizen(
                    username=data["username"],
                    full_name=data["full_name"],
                    email=data["email"],
                    phone=data["phone"],
                    password=data["password1"],
                )
            except ValidationFailed as exc:
                for field, errors in exc.errors.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            else:
                login(request, user, backend=DEFAULT_BACKEND)
                messages.success(
                    request,
                    _("Akun Anda sudah dibuat. Selamat datang, %(name)s!")
                    % {"name": user.display_name},
                )
                return redirect("citizen:my_reports")
        status = 400
    return render(request, "accounts/register.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET"])
def notifications(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    rows = user.notifications.order_by("-created_at", "-id")
    page = Paginator(rows, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    unread = user.notifications.filter(read_at__isnull=True).count()
    return render(
        request,
        "accounts/notifications.html",
        {"page": page, "notifications": page.object_list, "unread_count": unread},
    )


@login_required
@require_POST
def notifications_mark_read(request: HttpRequest) -> HttpResponseRedirect:
    count = mark_notifications_read(signed_in_user(request))
    if count:
        messages.success(request, _("Semua notifikasi sudah ditandai dibaca."))
    return redirect("accounts:notifications")
