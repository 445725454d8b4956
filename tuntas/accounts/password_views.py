"""Pages for passwords: change, forgot (reset by e-mail), and staff access resets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from tuntas.accounts import passwords
from tuntas.accounts.forms import GuardedPasswordChangeForm, ResetPasswordForm, ResetRequestForm
from tuntas.accounts.models import User
from tuntas.accounts.ratelimit import bump, count, counter_key
from tuntas.core.clients import client_address
from tuntas.core.errors import ApplicationError, ValidationFailed

RESET_WINDOW = 60 * 60


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def change(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = GuardedPasswordChangeForm(user, request.POST or None, request=request)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            passwords.change_password(actor=user, new_password=form.cleaned_data["new_password1"])
            update_session_auth_hash(request, user)
            messages.success(
                request,
                _("Kata sandi diubah. Sesi di perangkat lain berakhir dan token API Anda dicabut."),
            )
            return redirect("accounts:security")
        status = 400
    return render(request, "accounts/password_change.html", {"form": form}, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def forgot(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link. The answer is the same whether or not the address is known."""
    form = ResetRequestForm(request.POST or None)
    if request.method != "POST":
        return render(request, "accounts/password_reset.html", {"form": form})
    limit = int(settings.TUNTAS_PASSWORD_RESET_PER_HOUR)
    by_address = counter_key("reset", "ip", client_address(request))
    if count(by_address) >= limit:
        return render(
            request, "accounts/password_reset.html", {"form": form, "limited": True}, status=429
        )
    bump(by_address, window=RESET_WINDOW)
    if not form.is_valid():
        return render(request, "accounts/password_reset.html", {"form": form}, status=400)
    email = form.cleaned_data["email"].strip().lower()
    by_email = counter_key("reset", "email", email)
    if bump(by_email, window=RESET_WINDOW) <= limit:
        passwords.request_password_reset(email)
    return redirect("accounts:password_reset_done")


@require_http_methods(["GET"])
def forgot_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_done.html")


class ResetConfirmView(PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = ResetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        passwords.reset_password(user=form.user, new_password=form.cleaned_data["new_password1"])
        self.request.session.pop(INTERNAL_RESET_SESSION_TOKEN, None)
        return HttpResponseRedirect(str(self.get_success_url()))


@require_http_methods(["GET"])
def reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_complete.html")


# ---------------------------------------------------------------- staff access


class AccessResetForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan"),
        max_length=500,
        min_length=5,
        help_text=gettext_lazy("Misalnya: ponsel hilang, lupa kata sandi, pindah tugas."),
    )


@never_cache
@login_required
@require_http_methods(["GET"])
def staff_access(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not passwords.may_manage_any(user):
        raise Http404
    people = passwords.staff_managed_by(user)
    return render(
        request,
        "accounts/staff_access.html",
        {"people": people.prefetch_related("memberships__organisation"), "form": AccessResetForm()},
    )


@never_cache
@login_required
@require_POST
def staff_access_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    actor = _user(request)
    target = User.objects.filter(pk=user_id).first()
    if target is None or not passwords.may_reset_access(actor, target):
        raise Http404
    form = AccessResetForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tulis alasannya (minimal 5 karakter)."))
        return redirect("accounts:staff_access")
    try:
        result = passwords.reset_staff_access(
            actor=actor, target=target, reason=form.cleaned_data["reason"]
        )
    except (ValidationFailed, ApplicationError) as exc:
        messages.error(request, exc.message)
        return redirect("accounts:staff_access")
    return render(request, "accounts/staff_access_done.html", {"target": target, "result": result})
