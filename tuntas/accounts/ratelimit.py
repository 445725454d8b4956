"""Counting attempts (access codes, passwords, registrations) per client in the cache.

A fixed window per key: the first count opens a window of ``window`` seconds; once
``limit`` counts are in it, the client is refused until it ends. Failures are counted per
IP address (``tuntas.core.clients.client_address``) and per session, so neither a fresh
session nor a new address alone lifts the limit.

The counters live in the default cache. Several web processes must share it (Redis or a
file cache): production refuses to serve from more than one process on in-process
counters (``tuntas.core.deployment``).
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

from tuntas.core.clients import client_address


def counter_key(scope: str, kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"tuntas:rl:{scope}:{kind}:{digest}"


def count(key: str) -> int:
    return int(cache.get(key, 0))


def bump(key: str, *, window: int) -> int:
    """One more in ``key``'s window (opened now if none is); returns the new count."""
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        return 1


def _keys(request: HttpRequest, scope: str) -> list[str]:
    keys = [counter_key(scope, "ip", client_address(request))]
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        keys.append(counter_key(scope, "session", session.session_key))
    return keys


def is_limited(request: HttpRequest, scope: str, *, limit: int) -> bool:
    """Whether this client already used up its attempts in ``scope``."""
    return any(count(k) >= limit for k in _keys(request, scope))


def record_failure(request: HttpRequest, scope: str, *, window: int) -> None:
    for k in _keys(request, scope):
        bump(k, window=window)
