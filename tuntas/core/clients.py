"""Who is calling: the one client-address function for the web pages and the API.

Rate limits, the sign-in guard, the audit trail of failed sign-ins and the log of API-key
uses all identify a client by ``client_address(request)``. Proxy headers are trusted
only as far as the deployment says: with ``TUNTAS_PROXY_COUNT = n`` reverse proxies in
front (``TUNTAS_BEHIND_PROXY=true`` means one unless set), each proxy appended the
address it saw to ``X-Forwarded-For``, so the n-th entry from the right is the address
the outermost proxy saw: the client. Anything to its left was written by the client and
is ignored. Without proxies the header is ignored altogether (a client could otherwise
pick a fresh address for every try, which is how the old DRF default was bypassed).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from rest_framework.request import Request

UNKNOWN = "unknown"


def _valid(raw: str) -> str | None:
    try:
        return str(ipaddress.ip_address(raw.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest | Request) -> str:
    """The calling client's IP address as text (``"unknown"`` if none can be told)."""
    meta = request.META
    remote = _valid(str(meta.get("REMOTE_ADDR") or "")) or UNKNOWN
    proxies = int(getattr(settings, "TUNTAS_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    entries = [e.strip() for e in str(meta.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    entries = [e for e in entries if e]
    if len(entries) < proxies:
        # The request did not pass through every proxy (or one dropped the header):
        # nothing in the header can be trusted.
        return remote
    return _valid(entries[-proxies]) or remote
