"""API tokens: issued at sign-in, stored hashed, expiring, listed and revoked by their owner.

``ExpiringTokenAuthentication`` reads ``Authorization: Token <key>`` (the header API
clients already send) and ``VerifiedSessionAuthentication`` is DRF's session
authentication that refuses a session still waiting for its second factor.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.request import Request

from tuntas.accounts.models import ApiToken, User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.core.clients import client_address
from tuntas.core.errors import NotFound, PermissionDenied

# last_used_at is written at most this often per token (one UPDATE, not one per request).
LAST_USED_RESOLUTION = timedelta(seconds=60)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    try:
        return str(ipaddress.ip_address(client_address(request)))
    except ValueError:
        return None


@transaction.atomic
def issue_api_token(
    user: User,
    *,
    name: str = "",
    request: HttpRequest | None = None,
    second_factor: str = "",
    now: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token for ``user`` (after a successful sign-in); returns it and its key."""
    now = now or timezone.now()
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=(name or "").strip()[:120],
        prefix=key[:8],
        key_hash=hash_key(key),
        created_at=now,
        created_address=_address(request),
        expires_at=now + timedelta(days=int(settings.TUNTAS_API_TOKEN_DAYS)),
    )
    record_event(
        action=AuditAction.API_TOKEN_ISSUED,
        actor=user,
        now=now,
        data={
            "token_id": token.pk,
            "prefix": token.prefix,
            "expires_at": token.expires_at.isoformat(),
            "address": token.created_address,
            "second_factor": second_factor,
        },
    )
    return token, key


def tokens_of(user: User, *, now: datetime | None = None) -> list[ApiToken]:
    """The owner's tokens that still work, newest first."""
    now = now or timezone.now()
    return list(ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now))


@transaction.atomic
def revoke_api_token(*, actor: User, token_id: int, now: datetime | None = None) -> ApiToken:
    """Revoke one of the actor's own tokens (404 for anyone else's, or one already gone)."""
    now = now or timezone.now()
    token = (
        ApiToken.objects.select_for_update()
        .filter(pk=token_id, user=actor, revoked_at__isnull=True)
        .first()
    )
    if token is None:
        raise NotFound(_("Token tidak ditemukan atau sudah dicabut."), code="token_not_found")
    token.revoked_at = now
    token.save(update_fields=["revoked_at"])
    record_event(
        action=AuditAction.API_TOKEN_REVOKED,
        actor=actor,
        now=now,
        data={"token_id": token.pk, "prefix": token.prefix},
    )
    return token


@transaction.atomic
def revoke_all_api_tokens(
    user: User, *, actor: User | None, now: datetime | None = None, reason: str = ""
) -> int:
    """Revoke every working token of ``user`` (password reset, access reset)."""
    now = now or timezone.now()
    count = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    if count:
        record_event(
            action=AuditAction.API_TOKEN_REVOKED,
            actor=actor,
            now=now,
            reason=reason,
            data={"user": user.pk, "tokens": count},
        )
    return count


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``: a token that is neither revoked nor expired."""

    def authenticate_credentials(self, key: str) -> tuple[User, ApiToken]:
        now = timezone.now()
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or not token.is_active_at(now) or not token.user.is_active:
            raise exceptions.AuthenticationFailed()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token


class VerifiedSessionAuthentication(SessionAuthentication):
    """A browser session, once its second factor is verified where one is required."""

    def authenticate(self, request: Request) -> tuple[User, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        from tuntas.accounts.two_factor import session_satisfies_policy

        if not session_satisfies_policy(request._request):
            raise PermissionDenied(
                _("Selesaikan verifikasi dua langkah terlebih dahulu."),
                code="second_factor_required",
            )
        user = result[0]
        assert isinstance(user, User)
        return user, None
