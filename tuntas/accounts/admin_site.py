"""The admin site: no password form of its own, and the second factor where required.

``/admin/login/`` does not check passwords: it sends people to ``/akun/masuk/``, which
runs the sign-in guard (the same lockout as every other sign-in) and the second factor.
``has_permission`` also asks for a verified second factor from everyone who needs one,
so a session that skipped it never reaches an admin page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from tuntas.accounts import two_factor


class TuntasAdminSite(admin.AdminSite):
    site_header = _("Tuntas · Administrasi")
    site_title = _("Administrasi Tuntas")
    index_title = _("Data dan pengaturan Tuntas")

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and two_factor.session_satisfies_policy(request)

    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
        if not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            next_url = ""
        next_url = next_url or reverse("admin:index")
        query = urlencode({REDIRECT_FIELD_NAME: next_url})
        if request.user.is_authenticated:
            if not two_factor.session_satisfies_policy(request):
                return HttpResponseRedirect(f"{reverse('accounts:two_factor_verify')}?{query}")
            raise PermissionDenied  # signed in, but not someone the admin is for
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{query}")
