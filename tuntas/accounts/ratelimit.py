"""Counting failed attempts (access codes, passwords) per client in the cache.

A fixed window per key: the first failure opens a window of ``window`` seconds;
once ``limit`` failures are counted in it, the client is refused until it ends.
Failures are counted per IP address and per session, so neither a fresh
session nor a new address alone lifts the limit.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address.

    Behind the deployment's reverse proxy (``TUNTAS_BEHIND_PROXY``, which sets
    ``SECURE_PROXY_SSL_HEADER``) every request comes from the proxy, so the address
    the proxy appended last to X-Forwarded-For is used. Without a proxy the header is
    ignored: a client could otherwise pick a fresh address for every try.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def _keys(request: HttpRequest, scope: str) -> list[str]:
    def key(kind: str, value: str) -> str:
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        return f"tuntas:rl:{scope}:{kind}:{digest}"

    keys = [key("ip", client_ip(request))]
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        keys.append(key("session", session.session_key))
    return keys


def is_limited(request: HttpRequest, scope: str, *, limit: int) -> bool:
    """Whether this client already used up its failed attempts in ``scope``."""
    return any(int(cache.get(k, 0)) >= limit for k in _keys(request, scope))


def record_failure(request: HttpRequest, scope: str, *, window: int) -> None:
    for k in _keys(request, scope):
        if not cache.add(k, 1, timeout=window):
            try:
                cache.incr(k)
            except ValueError:  # expired between add() and incr()
                cache.set(k, 1, timeout=window)
