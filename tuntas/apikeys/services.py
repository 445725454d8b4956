"""Issuing, revoking and checking API keys; every write audited.

A key belongs to an organisation (a Pemda, an agency, or the national admin) and acts
as its own ``User`` ("Aplikasi: <name>", unusable password, no role), so the reports
it files and the audit events it causes name the application. What it may do is its
``scopes``; for submitting reports its jurisdiction is its organisation's Pemda.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import secrets
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.apikeys.access import may_manage_organisation
from tuntas.apikeys.models import KEY_ORGANISATION_KINDS, ApiKey, ApiKeyUse, Scope
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.core.errors import Conflict, PermissionDenied, RateLimited, ValidationFailed
from tuntas.organisations.models import Organisation
from tuntas.reports.actions import (
    Actor,
    ReportInput,
    Submitted,
    composed_transaction,
    submit_report,
)
from tuntas.reports.models import Report

log = logging.getLogger(__name__)

SECRET_PREFIX = "tnt"  # noqa: S105 - the public marker of a Tuntas secret, not a secret
PREFIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PREFIX_LENGTH = 8
MAX_RATE_LIMIT = 100_000
# last_used_at is written at most this often per key (one UPDATE, not one per request).
LAST_USED_RESOLUTION = timedelta(seconds=60)
# The attribute on the HttpRequest that tells the middleware which key to log.
REQUEST_ATTRIBUTE = "tuntas_api_key"


def hash_secret(secret: str) -> str:
    """SHA-256 of the secret. Secrets are 256 random bits, so a fast hash is enough."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_prefix() -> str:
    while True:
        prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
        if not ApiKey.objects.filter(prefix=prefix).exists():
            return prefix


def _validate_issue(
    *,
    organisation: Organisation,
    name: str,
    scopes: list[str],
    rate_limit_per_minute: int | None,
    expires_at: datetime | None,
    now: datetime,
) -> None:
    errors: dict[str, list[str]] = {}
    if len(name) < 3:
        errors["name"] = [_("Nama aplikasi minimal 3 karakter.")]
    elif len(name) > 120:
        errors["name"] = [_("Nama aplikasi maksimal 120 karakter.")]
    unknown = [s for s in scopes if s not in Scope.values]
    if not scopes:
        errors["scopes"] = [_("Pilih sedikitnya satu cakupan.")]
    elif unknown:
        errors["scopes"] = [
            _("Cakupan tidak dikenal: %(scopes)s.") % {"scopes": ", ".join(unknown)}
        ]
    if organisation.kind not in KEY_ORGANISATION_KINDS or not organisation.is_active:
        errors["organisation"] = [
            _("Kunci API hanya untuk pemerintah daerah, perangkat daerah atau admin nasional.")
        ]
    if rate_limit_per_minute is not None and not 1 <= rate_limit_per_minute <= MAX_RATE_LIMIT:
        errors["rate_limit_per_minute"] = [
            _("Batas permintaan per menit harus antara 1 dan %(max)s.") % {"max": MAX_RATE_LIMIT}
        ]
    if expires_at is not None and expires_at <= now:
        errors["expires_at"] = [_("Tanggal berlaku harus di masa depan.")]
    if errors:
        raise ValidationFailed(errors)


@transaction.atomic
def issue_api_key(
    *,
    actor: User | None,
    organisation: Organisation,
    name: str,
    scopes: list[str],
    rate_limit_per_minute: int | None = None,
    expires_at: datetime | None = None,
    now: datetime | None = None,
) -> tuple[ApiKey, str]:
    """Create a key and its user; return the key and its secret (shown only this once).

    ``actor`` None means the system (the ``create_api_key`` command run by operators).
    """
    now = now or timezone.now()
    name = (name or "").strip()
    scopes = sorted(set(scopes))
    if actor is not None and not may_manage_organisation(actor, organisation):
        raise PermissionDenied(
            _("Anda tidak berwenang membuat kunci API untuk organisasi ini."),
            code="api_key_forbidden",
        )
    _validate_issue(
        organisation=organisation,
        name=name,
        scopes=scopes,
        rate_limit_per_minute=rate_limit_per_minute,
        expires_at=expires_at,
        now=now,
    )
    prefix = _new_prefix()
    secret = f"{SECRET_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    with translation.override(settings.LANGUAGE_CODE):  # stored: in the deployment's language
        full_name = _("Aplikasi: %(name)s") % {"name": name}
    user = User(username=f"apikey-{prefix}", full_name=full_name[:200])
    user.set_unusable_password()
    user.save()
    key = ApiKey.objects.create(
        organisation=organisation,
        name=name,
        prefix=prefix,
        secret_hash=hash_secret(secret),
        scopes=scopes,
        rate_limit_per_minute=rate_limit_per_minute
        or ApiKey._meta.get_field("rate_limit_per_minute").get_default(),
        user=user,
        created_at=now,
        created_by=actor,
        expires_at=expires_at,
    )
    record_event(
        action=AuditAction.API_KEY_ISSUED,
        actor=actor,
        now=now,
        organisation=organisation,
        data={
            "api_key_id": key.pk,
            "prefix": prefix,
            "name": name,
            "scopes": scopes,
            "rate_limit_per_minute": key.rate_limit_per_minute,
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
    )
    return key, secret


@transaction.atomic
def revoke_api_key(
    *, actor: User | None, key: ApiKey, reason: str, now: datetime | None = None
) -> ApiKey:
    """Stop a key for good (its user can no longer act); the reason is required."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    locked = ApiKey.objects.select_for_update().select_related("organisation").get(pk=key.pk)
    if actor is not None and not may_manage_organisation(actor, locked.organisation):
        raise PermissionDenied(
            _("Anda tidak berwenang mencabut kunci API ini."), code="api_key_forbidden"
        )
    if len(reason) < 5:
        raise ValidationFailed({"reason": [_("Tulis alasan pencabutan (minimal 5 karakter).")]})
    if locked.revoked_at is not None:
        raise Conflict(_("Kunci API ini sudah dicabut."), code="api_key_already_revoked")
    locked.revoked_at = now
    locked.revoked_by = actor
    locked.revoke_reason = reason
    locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    User.objects.filter(pk=locked.user_id).update(is_active=False)
    record_event(
        action=AuditAction.API_KEY_REVOKED,
        actor=actor,
        now=now,
        organisation=locked.organisation,
        reason=reason,
        data={"api_key_id": locked.pk, "prefix": locked.prefix, "name": locked.name},
    )
    key.revoked_at, key.revoked_by, key.revoke_reason = now, actor, reason
    return locked


# ---------------------------------------------------------------- checking a key


def _invalid() -> PermissionDenied:
    return PermissionDenied(
        _("Kunci API tidak dikenal. Periksa kunci yang dikirim."), code="api_key_invalid"
    )


def find_key(secret: str) -> ApiKey | None:
    """The key whose secret this is (any state), or None. Compared in constant time."""
    parts = (secret or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != SECRET_PREFIX or len(parts[1]) != PREFIX_LENGTH:
        return None
    key = ApiKey.objects.select_related("user", "organisation").filter(prefix=parts[1]).first()
    if key is None or not hmac.compare_digest(key.secret_hash, hash_secret(secret.strip())):
        return None
    return key


def _count_request(key: ApiKey, now: datetime) -> None:
    """One more request in this minute's window; over the limit raises ``RateLimited``."""
    epoch = int(now.timestamp())
    window = epoch // 60
    # The prefix, not the id: ids may be reused (tests roll back), prefixes are random.
    cache_key = f"apikey-rate:{key.prefix}:{window}"
    cache.add(cache_key, 0, timeout=120)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=120)
        count = 1
    if count > key.rate_limit_per_minute:
        retry_after = max(1, 60 - epoch % 60)
        raise RateLimited(
            _(
                "Terlalu banyak permintaan dengan kunci API ini (batas %(limit)s per menit). "
                "Coba lagi dalam %(seconds)s detik."
            )
            % {"limit": key.rate_limit_per_minute, "seconds": retry_after},
            retry_after=retry_after,
            code="api_key_rate_limited",
        )


def authenticate_key(
    secret: str,
    *,
    scope: str | None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> ApiKey:
    """The key for ``secret`` if it may be used now for ``scope`` (None: any scope).

    Raises ``PermissionDenied`` (403) with code ``api_key_invalid``, ``api_key_revoked``,
    ``api_key_expired`` or ``api_key_scope_missing``, and ``RateLimited`` (429, with
    ``retry_after``) over the key's requests per minute. With ``request``, the request
    is logged as an ``ApiKeyUse`` once its response is known (by the middleware), even
    when the key is refused.
    """
    now = now or timezone.now()
    key = find_key(secret)
    if key is None:
        raise _invalid()
    if request is not None:
        mark_request(request, key)
    if key.revoked_at is not None:
        raise PermissionDenied(
            _("Kunci API ini sudah dicabut. Minta kunci baru kepada admin."),
            code="api_key_revoked",
        )
    if key.expires_at is not None and key.expires_at <= now:
        raise PermissionDenied(
            _("Kunci API ini sudah kedaluwarsa. Minta kunci baru kepada admin."),
            code="api_key_expired",
        )
    _count_request(key, now)
    if scope is not None:
        require_scope(key, scope)
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key


def require_scope(key: ApiKey, scope: str) -> None:
    if not key.has_scope(scope):
        raise PermissionDenied(
            _("Kunci API ini tidak memiliki cakupan %(scope)s.") % {"scope": scope},
            code="api_key_scope_missing",
        )


def key_pemda(key: ApiKey) -> Organisation | None:
    """The jurisdiction of a key: its organisation's Pemda (None for a national key)."""
    return key.organisation.get_pemda()


# ---------------------------------------------------------------- logging each use


def mark_request(request: HttpRequest, key: ApiKey) -> None:
    """Ask the middleware to log this request as a use of ``key``."""
    setattr(request, REQUEST_ATTRIBUTE, key)


def _remote_addr(raw: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((raw or "").strip()))
    except ValueError:
        return None


def record_use(
    key: ApiKey,
    *,
    method: str,
    path: str,
    status_code: int,
    remote_addr: str | None,
    now: datetime | None = None,
) -> ApiKeyUse | None:
    """Append one row to the key's log (one INSERT). A failed write is logged, not raised:
    the answer the application gets does not depend on it."""
    try:
        return ApiKeyUse.objects.create(
            key_id=key.pk,
            at=now or timezone.now(),
            method=method[:8],
            path=path[:300],
            status_code=status_code,
            remote_addr=_remote_addr(remote_addr),
        )
    except DatabaseError:
        log.exception("Could not log the use of API key %s", key.prefix)
        return None


# ---------------------------------------------------------------- acting with a key


@composed_transaction()
def submit_report_with_key(
    key: ApiKey,
    data: ReportInput,
    *,
    scope: str = Scope.REPORTS_SUBMIT,
    extra: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Submitted:
    """File a report for an application, through the citizens' ``submit_report``.

    The key must hold ``scope``; the report goes to the key's Pemda (a national key must
    name one in ``data.pemda``; a Pemda key naming another is refused). The reporter is
    the person the application speaks for (contact details in ``data``); the report is
    marked as entered by the key's user and an ``api_key_submit`` event names it.
    """
    now = now or timezone.now()
    require_scope(key, scope)
    pemda = key_pemda(key)
    if pemda is not None:
        if data.pemda is not None and data.pemda.pk != pemda.pk:
            raise PermissionDenied(
                _("Kunci API ini hanya untuk laporan ke %(pemda)s.") % {"pemda": pemda},
                code="jurisdiction_mismatch",
            )
        data = replace(data, pemda=pemda)
    submitted = submit_report(data, actor=Actor.reporter(None), now=now)
    report = submitted.report
    Report.objects.filter(pk=report.pk).update(created_by=key.user)
    report.created_by = key.user
    record_event(
        action=AuditAction.API_KEY_SUBMIT,
        actor=key.user,
        now=now,
        report=report,
        organisation=key.organisation,
        data={"api_key_id": key.pk, "prefix": key.prefix, "scope": scope, **(extra or {})},
    )
    return submitted
