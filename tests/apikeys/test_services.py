"""Issuing, checking and revoking keys: the service functions other features build on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tuntas.apikeys.models import ApiKey, Scope
from tuntas.apikeys.services import authenticate_key, issue_api_key, revoke_api_key
from tuntas.audit.models import AuditEvent
from tuntas.core.errors import Conflict, PermissionDenied, RateLimited, ValidationFailed


def test_it_issues_a_key_with_its_own_user_and_shows_the_secret_once(demo, issue_key):
    key, secret = issue_key("kapuas", ["open311.submit", "reports.read"])
    assert secret.startswith(f"tnt_{key.prefix}_")
    assert len(secret) > 40
    stored = ApiKey.objects.get(pk=key.pk)
    # only a hash is stored: the secret appears in no column
    for field in ApiKey._meta.concrete_fields:
        assert secret not in str(getattr(stored, field.attname))
    assert stored.secret_hash != secret
    assert stored.scopes == ["open311.submit", "reports.read"]
    assert stored.rate_limit_per_minute == 120  # TUNTAS_API_KEY_RATE_LIMIT default
    user = stored.user
    assert user.display_name == "Aplikasi: Chatbot Kapuas"
    assert not user.has_usable_password()
    assert not user.memberships.exists()
    event = AuditEvent.objects.get(action="api_key_issued")
    assert event.organisation == demo.orgs["kapuas"]
    assert event.data["prefix"] == key.prefix
    assert secret not in str(event.data)


def test_the_secret_authenticates_the_key(issue_key):
    key, secret = issue_key()
    assert authenticate_key(secret, scope="reports.read") == key
    assert ApiKey.objects.get(pk=key.pk).last_used_at is not None


@pytest.mark.parametrize(
    "secret",
    ["", "nonsense", "tnt_abcdefgh_wrong", "Token abc"],
)
def test_an_unknown_secret_is_refused(issue_key, secret):
    issue_key()
    with pytest.raises(PermissionDenied) as exc:
        authenticate_key(secret, scope=None)
    assert exc.value.code == "api_key_invalid"
    assert exc.value.status == 403


def test_a_secret_with_a_real_prefix_but_wrong_body_is_refused(issue_key):
    _key, secret = issue_key()
    with pytest.raises(PermissionDenied) as exc:
        authenticate_key(secret[:-4] + "AAAA", scope=None)
    assert exc.value.code == "api_key_invalid"


def test_a_missing_scope_is_refused(issue_key):
    _key, secret = issue_key(scopes=["reports.read"])
    with pytest.raises(PermissionDenied) as exc:
        authenticate_key(secret, scope=Scope.OPEN311_SUBMIT)
    assert exc.value.code == "api_key_scope_missing"


def test_a_revoked_key_is_refused_and_its_user_deactivated(demo, issue_key):
    key, secret = issue_key()
    revoke_api_key(actor=demo.users["kapuas.koordinator"], key=key, reason="Kunci bocor di grup")
    key.refresh_from_db()
    assert key.revoked_by == demo.users["kapuas.koordinator"]
    assert not key.user.is_active
    with pytest.raises(PermissionDenied) as exc:
        authenticate_key(secret, scope=None)
    assert exc.value.code == "api_key_revoked"
    event = AuditEvent.objects.get(action="api_key_revoked")
    assert event.reason == "Kunci bocor di grup"
    assert event.actor == demo.users["kapuas.koordinator"]


def test_revoking_twice_or_without_reason_changes_nothing(demo, issue_key):
    key, _secret = issue_key()
    coordinator = demo.users["kapuas.koordinator"]
    with pytest.raises(ValidationFailed):
        revoke_api_key(actor=coordinator, key=key, reason="  ")
    key.refresh_from_db()
    assert key.revoked_at is None
    revoke_api_key(actor=coordinator, key=key, reason="Tidak dipakai lagi")
    with pytest.raises(Conflict):
        revoke_api_key(actor=coordinator, key=key, reason="Sekali lagi")
    assert AuditEvent.objects.filter(action="api_key_revoked").count() == 1


def test_an_expired_key_is_refused(issue_key):
    now = timezone.now()
    _key, secret = issue_key(expires_at=now + timedelta(days=1), now=now)
    assert authenticate_key(secret, scope=None, now=now + timedelta(hours=23))
    with pytest.raises(PermissionDenied) as exc:
        authenticate_key(secret, scope=None, now=now + timedelta(days=1))
    assert exc.value.code == "api_key_expired"


def test_the_rate_limit_refuses_then_opens_in_the_next_minute(issue_key):
    _key, secret = issue_key(rate_limit_per_minute=3)
    start = timezone.now().replace(second=10, microsecond=0)
    for _ in range(3):
        authenticate_key(secret, scope=None, now=start)
    with pytest.raises(RateLimited) as exc:
        authenticate_key(secret, scope=None, now=start + timedelta(seconds=5))
    assert exc.value.status == 429
    assert exc.value.retry_after == 45  # until the next minute starts
    authenticate_key(secret, scope=None, now=start + timedelta(seconds=50))  # next window


def test_keys_count_separately(issue_key):
    _a, first = issue_key(rate_limit_per_minute=1)
    _b, second = issue_key(rate_limit_per_minute=1, name="Aplikasi Desa")
    now = timezone.now()
    authenticate_key(first, scope=None, now=now)
    authenticate_key(second, scope=None, now=now)
    with pytest.raises(RateLimited):
        authenticate_key(first, scope=None, now=now)


@pytest.mark.parametrize(
    ("org", "kwargs", "field"),
    [
        ("kapuas", {"name": "ab"}, "name"),
        ("kapuas", {"scopes": []}, "scopes"),
        ("kapuas", {"scopes": ["everything"]}, "scopes"),
        ("kapuas", {"rate_limit_per_minute": 0}, "rate_limit_per_minute"),
        ("kapuas-pupr-binamarga", {}, "organisation"),
    ],
)
def test_bad_input_issues_nothing(demo, org, kwargs, field):
    args = {"name": "Chatbot", "scopes": ["reports.read"], **kwargs}
    with pytest.raises(ValidationFailed) as exc:
        issue_api_key(actor=None, organisation=demo.orgs[org], **args)
    assert field in exc.value.errors
    assert not ApiKey.objects.exists()
    assert not AuditEvent.objects.filter(action="api_key_issued").exists()


def test_an_expiry_in_the_past_is_refused(demo):
    with pytest.raises(ValidationFailed) as exc:
        issue_api_key(
            actor=None,
            organisation=demo.orgs["kapuas"],
            name="Chatbot",
            scopes=["reports.read"],
            expires_at=timezone.now() - timedelta(minutes=1),
        )
    assert "expires_at" in exc.value.errors


@pytest.mark.parametrize(
    ("username", "org", "allowed"),
    [
        ("kapuas.koordinator", "kapuas", True),
        ("kapuas.koordinator", "kapuas-pupr", True),
        ("kapuas.koordinator", "majalengka", False),
        ("kapuas.koordinator", "majalengka-pupr", False),
        ("kapuas.pupr.admin", "kapuas-pupr", False),
        ("kapuas.kasi", "kapuas", False),
        ("warga", "kapuas", False),
        ("nasional", "majalengka-pupr", True),
        ("nasional", "national", True),
    ],
)
def test_who_may_issue_for_which_organisation(demo, username, org, allowed):
    call = {
        "actor": demo.users[username],
        "organisation": demo.orgs[org],
        "name": "Chatbot",
        "scopes": ["reports.read"],
    }
    if allowed:
        key, _secret = issue_api_key(**call)
        assert key.created_by == demo.users[username]
    else:
        with pytest.raises(PermissionDenied):
            issue_api_key(**call)
        assert not ApiKey.objects.exists()


def test_a_coordinator_cannot_revoke_another_pemdas_key(demo, issue_key):
    key, _secret = issue_key("majalengka")
    with pytest.raises(PermissionDenied):
        revoke_api_key(actor=demo.users["kapuas.koordinator"], key=key, reason="Bukan milik saya")
    key.refresh_from_db()
    assert key.revoked_at is None
