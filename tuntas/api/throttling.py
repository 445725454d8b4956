"""Rate limits: anonymous submissions, access-code look-ups and sign-in attempts.

Every throttle names the client by ``tuntas.core.clients.client_address`` (never DRF's
default ``get_ident``, which trusts the whole of ``X-Forwarded-For``).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from tuntas.api.auth import ACCESS_CODE_HEADER
from tuntas.core.clients import client_address


class _ScopedThrottle(SimpleRateThrottle):
    """Reads its rate from the settings at request time (so tests may override them)."""

    fallback_rate = "60/hour"

    def get_rate(self) -> str | None:
        rates: dict[str, Any] = api_settings.DEFAULT_THROTTLE_RATES
        rate: str | None = rates.get(self.scope or "", self.fallback_rate)
        return rate

    def get_ident(self, request: Request) -> str:
        return client_address(request)

    def ident(self, request: Request) -> str:
        return self.get_ident(request)


class AnonSubmitThrottle(_ScopedThrottle):
    """Submissions without an account (scope ``anon_submit``)."""

    scope = "anon_submit"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.ident(request)}


class WebSubmitThrottle(AnonSubmitThrottle):
    """The web form's anonymous submissions (``/lapor/``): the API's scope and rate, and
    the same budget per client address (``client_address``), whichever way a client posts."""

    def ident(self, request: Request) -> str:
        return client_address(request._request)


def web_submit_wait(request: HttpRequest) -> int | None:
    """Count one anonymous post of the web form; the seconds to wait when over the rate."""
    throttle = WebSubmitThrottle()
    if throttle.allow_request(Request(request), APIView()):
        return None
    return int(throttle.wait() or 0) + 1


class TrackingThrottle(_ScopedThrottle):
    """Requests proving a report with its access code (scope ``tracking``): slows guessing."""

    scope = "tracking"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not request.headers.get(ACCESS_CODE_HEADER):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.ident(request)}


class SignInThrottle(_ScopedThrottle):
    """Token requests per address and username (scope ``sign_in``; 20/hour unless set)."""

    scope = "sign_in"
    fallback_rate = "20/hour"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        username = ""
        if hasattr(request.data, "get"):
            username = str(request.data.get("username", ""))[:150].lower()
        digest = hashlib.sha256(username.encode()).hexdigest()[:16]
        ident = f"{self.ident(request)}:{digest}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class SignInAddressThrottle(_ScopedThrottle):
    """Token requests per address, whatever the username (scope ``sign_in_address``;
    60/hour unless set): password spraying tries one password on many accounts."""

    scope = "sign_in_address"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        return self.cache_format % {"scope": self.scope, "ident": self.ident(request)}
