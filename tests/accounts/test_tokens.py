"""API tokens expire, are stored hashed, and can be listed and revoked by their owner."""

from __future__ import annotations

from datetime import timedelta

from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import token_for
from tests.api.helpers import assert_error
from tests.conftest import client_for
from tuntas.accounts.models import ApiToken


def signed(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_stops_working_when_it_expires(demo):
    key = token_for("warga")
    assert signed(key).get("/api/reports/mine/").status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert_error(signed(key).get("/api/reports/mine/"), 401, "authentication_failed")


@override_settings(TUNTAS_API_TOKEN_DAYS=7)
def test_the_lifetime_is_a_setting(demo):
    token_for("warga")
    token = ApiToken.objects.get()
    assert timedelta(days=6, hours=23) < token.expires_at - token.created_at <= timedelta(days=7)


def test_the_owner_lists_and_revokes_their_tokens(demo):
    first, second = token_for("warga"), token_for("warga")
    listed = signed(first).get("/api/auth/tokens/").json()
    assert len(listed) == 2
    assert [t["current"] for t in listed] == [False, True]
    assert all(first not in str(t) and second not in str(t) for t in listed)
    assert signed(first).delete(f"/api/auth/tokens/{listed[0]['id']}/").status_code == 204
    assert_error(signed(second).get("/api/reports/mine/"), 401)
    assert signed(first).get("/api/reports/mine/").status_code == 200


def test_nobody_revokes_someone_elses_token(demo):
    mine = token_for("warga")
    theirs = ApiToken.objects.get()
    other = token_for("warga2")
    assert_error(signed(other).delete(f"/api/auth/tokens/{theirs.pk}/"), 404, "token_not_found")
    assert signed(mine).get("/api/reports/mine/").status_code == 200


def test_the_security_page_lists_and_revokes(demo):
    token_for("warga")
    token = ApiToken.objects.get()
    client = client_for(demo.users["warga"])
    page = client.get("/akun/keamanan/").content.decode()
    assert f"{token.prefix}…" in page
    assert client.post(f"/akun/token/{token.pk}/cabut/").status_code == 302
    assert ApiToken.objects.get().revoked_at is not None
    # Someone else's token id is refused (and stays as it is).
    token_for("warga2")
    theirs = ApiToken.objects.get(user=demo.users["warga2"])
    client.post(f"/akun/token/{theirs.pk}/cabut/")
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
