"""Per request: a staff session's idle timeout, and the second factor before any page.

Installed after django-otp's ``OTPMiddleware`` (which tells whether the session passed a
second factor). A signed-in person whose role requires two-factor sign-in (or who set it
up) and whose session has not passed it reaches only the second-factor pages and sign
out; every other page redirects there and the API answers 403 ``second_factor_required``.
Sessions normally never get here unverified (the sign-in does not log in before the
code); this also covers sessions made before the requirement existed.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from tuntas.accounts import two_factor
from tuntas.accounts.models import User
from tuntas.organisations.authority import scope_of

LAST_SEEN_KEY = "tuntas_last_seen"
# The idle clock is written at most this often (a session write per minute, not per request).
LAST_SEEN_RESOLUTION = 60
EXEMPT_PREFIXES = ("/static/", "/i18n/", "/favicon")


def is_staff_account(user: User) -> bool:
    return bool(user.is_staff or user.is_superuser or scope_of(user).is_staff)


class AccountSecurityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not request.path.startswith(EXEMPT_PREFIXES):
            assert isinstance(user, User)
            refused = self._idle(request, user) or self._second_factor(request, user)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _idle(self, request: HttpRequest, user: User) -> HttpResponse | None:
        if not is_staff_account(user):
            return None
        now = time.time()
        last = request.session.get(LAST_SEEN_KEY)
        limit = int(settings.TUNTAS_STAFF_IDLE_MINUTES) * 60
        if isinstance(last, int | float) and now - last > limit:
            logout(request)
            if request.path.startswith("/api/"):
                return None  # answered as not signed in by the API itself
            messages.info(
                request,
                _("Sesi Anda berakhir karena tidak ada aktivitas. Silakan masuk kembali."),
            )
            return HttpResponseRedirect(
                f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}"
            )
        if not isinstance(last, int | float) or now - last >= LAST_SEEN_RESOLUTION:
            request.session[LAST_SEEN_KEY] = int(now)
        return None

    def _second_factor(self, request: HttpRequest, user: User) -> HttpResponse | None:
        if not request.user.is_authenticated:  # just signed out as idle
            return None
        if two_factor.session_satisfies_policy(request):
            return None
        allowed = {
            reverse("accounts:two_factor_verify"),
            reverse("accounts:two_factor_setup"),
            reverse("accounts:logout"),
        }
        if request.path in allowed:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "error": {
                        "code": "second_factor_required",
                        "message": _("Selesaikan verifikasi dua langkah terlebih dahulu."),
                        "fields": {},
                    }
                },
                status=403,
            )
        target = (
            "accounts:two_factor_verify"
            if two_factor.has_device(user)
            else "accounts:two_factor_setup"
        )
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return HttpResponseRedirect(reverse(target) + (f"?{query}" if query else ""))
