"""The sign-in guard: one limiter for every place a password (or a second factor) is checked.

Failed attempts are counted in three windows:

* per address and username (``TUNTAS_SIGN_IN_MAX_FAILURES``, default 10 in
  ``TUNTAS_SIGN_IN_LOCK_MINUTES``): credential stuffing against one account;
* per address, any username (``TUNTAS_SIGN_IN_MAX_FAILURES_PER_ADDRESS``, default 30 in
  the same window): password spraying, one common password tried on many accounts;
* per username, any address (``TUNTAS_SIGN_IN_MAX_FAILURES_PER_USERNAME``, default 100 in
  an hour): a slow attack spread over many addresses.

The web sign-in page, the Django admin (which signs in through that page), API tokens and
the password-change form all pass through ``GuardedModelBackend`` or ``check_password``
below, so an address locked on one of them is locked on all. Every failure until the
lock is written to the audit trail (``sign_in_failed``: the username tried, the address,
the channel, never the password); attempts refused while locked are not, so a flood
cannot fill the audit table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from tuntas.accounts.models import User
from tuntas.accounts.ratelimit import bump, count, counter_key
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.core.clients import client_address

SCOPE = "signin"
USERNAME_WINDOW = 60 * 60


@dataclass(frozen=True)
class _Counter:
    key: str
    limit: int
    window: int


def _window() -> int:
    return int(settings.TUNTAS_SIGN_IN_LOCK_MINUTES) * 60


def normalise(username: str) -> str:
    return (username or "").strip().lower()[:150]


def channel_of(request: HttpRequest) -> str:
    path = request.path
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/admin/"):
        return "admin"
    return "web"


def _counters(request: HttpRequest, username: str) -> list[_Counter]:
    address = client_address(request)
    name = normalise(username)
    window = _window()
    counters = [
        _Counter(
            counter_key(SCOPE, "ip", address),
            int(settings.TUNTAS_SIGN_IN_MAX_FAILURES_PER_ADDRESS),
            window,
        ),
        _Counter(
            counter_key(SCOPE, "account", f"{address}\n{name}"),
            int(settings.TUNTAS_SIGN_IN_MAX_FAILURES),
            window,
        ),
        _Counter(
            counter_key(SCOPE, "user", name),
            int(settings.TUNTAS_SIGN_IN_MAX_FAILURES_PER_USERNAME),
            USERNAME_WINDOW,
        ),
    ]
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        counters.append(
            _Counter(
                counter_key(SCOPE, "session", session.session_key),
                int(settings.TUNTAS_SIGN_IN_MAX_FAILURES),
                window,
            )
        )
    return counters


def is_blocked(request: HttpRequest, username: str = "") -> bool:
    """Whether this client (or this username) used up its failed sign-ins."""
    return any(count(c.key) >= c.limit for c in _counters(request, username))


def record_failure(
    request: HttpRequest,
    username: str,
    *,
    reason: str,
    user: User | None = None,
    now: datetime | None = None,
) -> bool:
    """Count one failed attempt and audit it; returns whether the client is now locked."""
    counters = _counters(request, username)
    locked = False
    for c in counters:
        if bump(c.key, window=c.window) >= c.limit:
            locked = True
    if user is None:
        user = User.objects.filter(username=(username or "").strip()[:150]).first()
    data: dict[str, Any] = {
        "username": (username or "")[:150],
        "user": user.pk if user is not None else None,
        "address": client_address(request),
        "channel": channel_of(request),
        "reason": reason,
    }
    if locked:
        data["locked"] = True
    record_event(
        action=(
            AuditAction.SECOND_FACTOR_FAILED
            if reason == "wrong_code"
            else AuditAction.SIGN_IN_FAILED
        ),
        actor=None,
        actor_label=data["address"],
        now=now or timezone.now(),
        data=data,
    )
    return locked


def clear_account(request: HttpRequest, username: str) -> None:
    """A successful sign-in forgets this address's failures on this username (only)."""
    name = normalise(username)
    cache.delete(counter_key(SCOPE, "account", f"{client_address(request)}\n{name}"))


class GuardedModelBackend(ModelBackend):
    """Django's username/password backend behind the sign-in guard.

    A locked client is refused before the password is even hashed (``PermissionDenied``
    ends ``authenticate()``, which then returns None); each wrong password is counted.
    Without a request (a management command) there is no client to count.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        if request is not None and is_blocked(request, username):
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if request is None:
            return user if isinstance(user, User) else None
        if not isinstance(user, User):
            record_failure(request, username, reason="wrong_password")
            return None
        clear_account(request, username)
        return user


def check_password(request: HttpRequest, user: User, password: str) -> bool:
    """A signed-in person's password, checked behind the guard (password change)."""
    if is_blocked(request, user.username):
        return False
    if user.check_password(password):
        return True
    record_failure(request, user.username, reason="wrong_password", user=user)
    return False
