"""Signing in on the web in two steps: the password, then (where needed) the second factor.

After a correct password, someone who needs a second factor is not signed in yet: the
session only remembers, for ``PENDING_SECONDS``, who passed the password (a fresh
session key, so a planted one is useless). The code page (or, for someone whose role
requires it and who has no app yet, the setup page) then completes the sign-in. Nothing
else in the product treats such a session as signed in.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY, login
from django.http import HttpRequest
from django.utils import timezone

from tuntas.accounts import guard, two_factor
from tuntas.accounts.middleware import LAST_SEEN_KEY
from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.core.clients import client_address

PENDING_KEY = "tuntas_sign_in_pending"
PENDING_SECONDS = 10 * 60
DEFAULT_BACKEND = "tuntas.accounts.guard.GuardedModelBackend"


@dataclass(frozen=True)
class Pending:
    user: User
    backend: str
    next_url: str


def begin_pending(request: HttpRequest, user: User, *, next_url: str) -> None:
    request.session.cycle_key()
    request.session[PENDING_KEY] = {
        "user": user.pk,
        "backend": getattr(user, "backend", DEFAULT_BACKEND),
        "since": int(time.time()),
        "next": next_url,
    }


def pending(request: HttpRequest) -> Pending | None:
    raw: Any = request.session.get(PENDING_KEY)
    if not isinstance(raw, dict):
        return None
    if int(time.time()) - int(raw.get("since", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    user_id = raw.get("user")
    if not isinstance(user_id, int):
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        request.session.pop(PENDING_KEY, None)
        return None
    return Pending(user, str(raw.get("backend") or DEFAULT_BACKEND), str(raw.get("next") or ""))


def cancel_pending(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


def complete_sign_in(
    request: HttpRequest,
    user: User,
    *,
    backend: str = DEFAULT_BACKEND,
    device: Any = None,
    second_factor: str = "",
) -> None:
    """Sign ``user`` in (a new session key), mark the second factor, audit the sign-in."""
    request.session.pop(PENDING_KEY, None)
    if not request.user.is_authenticated or request.user.pk != user.pk:
        login(request, user, backend=backend)
    else:
        request.session.cycle_key()
    request.session.setdefault(BACKEND_SESSION_KEY, backend)
    if device is not None:
        two_factor.mark_verified(request, device)
    request.session[LAST_SEEN_KEY] = int(time.time())
    guard.clear_account(request, user.username)
    record_event(
        action=AuditAction.SIGN_IN,
        actor=user,
        now=timezone.now(),
        data={
            "address": client_address(request),
            "channel": guard.channel_of(request),
            "second_factor": second_factor,
        },
    )
