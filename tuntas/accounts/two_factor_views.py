"""Two-factor pages: the code at sign-in, setting up an app, recovery codes, the security page."""

from __future__ import annotations

from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from tuntas.accounts import guard, tokens, two_factor
from tuntas.accounts.forms import CodeForm, SetupCodeForm
from tuntas.accounts.models import User
from tuntas.accounts.passwords import may_manage_any
from tuntas.accounts.signin import (
    DEFAULT_BACKEND,
    Pending,
    cancel_pending,
    complete_sign_in,
    pending,
)
from tuntas.accounts.views import home_for
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.core.errors import ApplicationError, ValidationFailed

SETUP_DEVICE_KEY = "tuntas_2fa_setup_device"


def _who(request: HttpRequest) -> tuple[User | None, Pending | None]:
    """Whoever is between the password and the code: a pending sign-in, or a signed-in
    session not verified yet (the middleware sent them here)."""
    if request.user.is_authenticated:
        user = request.user
        assert isinstance(user, User)
        return user, None
    waiting = pending(request)
    return (waiting.user if waiting else None), waiting


def _safe_next(request: HttpRequest, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _next_url(request: HttpRequest, waiting: Pending | None) -> str:
    return _safe_next(request, request.GET.get("next", "") or request.POST.get("next", "")) or (
        waiting.next_url if waiting else ""
    )


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user, waiting = _who(request)
    if user is None:
        messages.info(request, _("Masuk dengan nama pengguna dan kata sandi terlebih dahulu."))
        return redirect("accounts:login")
    if request.user.is_authenticated and two_factor.is_verified(request):
        return redirect(_next_url(request, waiting) or home_for(user))
    if not two_factor.has_device(user):
        query = urlencode({"next": _next_url(request, waiting)})
        return redirect(f"{reverse('accounts:two_factor_setup')}?{query}")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if guard.is_blocked(request, user.username):
            cancel_pending(request)
            messages.error(
                request,
                _("Terlalu banyak percobaan yang gagal. Silakan coba lagi 15 menit lagi."),
            )
            return redirect("accounts:login")
        if form.is_valid():
            device, kind = two_factor.verify_code(user, form.cleaned_data["code"])
            if device is not None:
                return _signed_in(request, user, waiting, device, kind)
            guard.record_failure(request, user.username, reason="wrong_code", user=user)
            form.add_error(
                "code",
                _("Kode salah atau sudah dipakai. Tunggu kode berikutnya lalu coba lagi."),
            )
        status = 400
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request, waiting)},
        status=status,
    )


def _signed_in(
    request: HttpRequest, user: User, waiting: Pending | None, device: object, kind: str
) -> HttpResponse:
    next_url = _next_url(request, waiting)
    complete_sign_in(
        request,
        user,
        backend=waiting.backend if waiting else DEFAULT_BACKEND,
        device=device,
        second_factor=kind,
    )
    if kind == "recovery_code":
        left = two_factor.recovery_codes_left(user)
        record_event(
            action=AuditAction.RECOVERY_CODE_USED,
            actor=user,
            now=timezone.now(),
            data={"user": user.pk, "left": left},
        )
        messages.warning(
            request,
            _(
                "Anda masuk dengan kode pemulihan; sisa %(left)s kode. Buat kode baru di "
                "halaman Keamanan akun bila tinggal sedikit."
            )
            % {"left": left},
        )
    return redirect(next_url or home_for(user))


def _setup_device(request: HttpRequest, user: User) -> TOTPDevice:
    device_id = request.session.get(SETUP_DEVICE_KEY)
    device: TOTPDevice | None = None
    if isinstance(device_id, int):
        device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        device = two_factor.begin_setup(user)
        request.session[SETUP_DEVICE_KEY] = device.pk
    return device


def _qr_svg(device: TOTPDevice) -> str:
    qr = segno.make(device.config_url, error="m")
    svg: str = qr.svg_inline(
        scale=5, dark="#000", light="#fff", title=_("Kode QR untuk aplikasi autentikator")
    )
    return svg


@never_cache
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    user, waiting = _who(request)
    if user is None:
        messages.info(request, _("Masuk dengan nama pengguna dan kata sandi terlebih dahulu."))
        return redirect("accounts:login")
    if waiting is not None and two_factor.has_device(user):
        return redirect("accounts:two_factor_verify")  # a pending sign-in must use its app
    if (
        request.user.is_authenticated
        and two_factor.has_device(user)
        and not two_factor.is_verified(request)
    ):
        return redirect("accounts:two_factor_verify")  # replacing the app needs the old one
    device = _setup_device(request, user)
    form = SetupCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            confirmed, codes = two_factor.confirm_setup(
                actor=user, device_id=device.pk, code=form.cleaned_data["code"]
            )
        except ValidationFailed as exc:
            for message in exc.errors.get("code", []):
                form.add_error("code", message)
        else:
            request.session.pop(SETUP_DEVICE_KEY, None)
            next_url = _next_url(request, waiting)
            complete_sign_in(
                request,
                user,
                backend=waiting.backend if waiting else DEFAULT_BACKEND,
                device=confirmed,
                second_factor="totp",
            )
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "continue_url": next_url or home_for(user), "first": True},
            )
    if request.method == "POST":
        status = 400
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device),
            "secret": two_factor.totp_secret_text(device),
            "required": two_factor.required_for(user),
            "next": _next_url(request, waiting),
            "replacing": two_factor.has_device(user),
        },
        status=status,
    )


def _signed_in_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@never_cache
@login_required
@require_http_methods(["GET"])
def security(request: HttpRequest) -> HttpResponse:
    """Keamanan akun: two-factor state, recovery codes left, password, API tokens."""
    user = _signed_in_user(request)
    return render(
        request,
        "accounts/security.html",
        {
            "has_device": two_factor.has_device(user),
            "required": two_factor.required_for(user),
            "relaxed": two_factor.relaxed_for(user),
            "codes_left": two_factor.recovery_codes_left(user),
            "tokens": tokens.tokens_of(user),
            "disable_form": CodeForm(),
            "manages_staff": may_manage_any(user),
        },
    )


@never_cache
@login_required
@require_POST
def regenerate_codes(request: HttpRequest) -> HttpResponse:
    user = _signed_in_user(request)
    if not two_factor.is_verified(request):
        messages.error(request, _("Masuk dengan verifikasi dua langkah untuk membuat kode baru."))
        return redirect("accounts:security")
    try:
        codes = two_factor.regenerate_recovery_codes(actor=user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:security")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "continue_url": reverse("accounts:security"), "first": False},
    )


@never_cache
@login_required
@require_POST
def disable(request: HttpRequest) -> HttpResponse:
    user = _signed_in_user(request)
    form = CodeForm(request.POST)
    if guard.is_blocked(request, user.username):
        messages.error(request, _("Terlalu banyak percobaan yang gagal. Coba lagi nanti."))
        return redirect("accounts:security")
    if not form.is_valid():
        messages.error(request, _("Masukkan kode dari aplikasi untuk mematikan."))
        return redirect("accounts:security")
    try:
        two_factor.disable_two_factor(actor=user, code=form.cleaned_data["code"])
    except ValidationFailed:
        guard.record_failure(request, user.username, reason="wrong_code", user=user)
        messages.error(request, _("Kode salah. Verifikasi dua langkah tetap aktif."))
        return redirect("accounts:security")
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:security")
    messages.success(request, _("Verifikasi dua langkah dimatikan."))
    return redirect("accounts:security")


@never_cache
@login_required
@require_POST
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    user = _signed_in_user(request)
    try:
        tokens.revoke_api_token(actor=user, token_id=token_id)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:security")
    messages.success(request, _("Token API dicabut."))
    return redirect("accounts:security")
