"""Signing in to the API: tokens, sessions and the answers when it goes wrong."""

from __future__ import annotations

import hashlib

from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.helpers import assert_error
from tests.conftest import client_for
from tests.two_factor import current_code
from tuntas.accounts.models import ApiToken


def test_it_gives_a_token_for_the_right_password(demo, anon):
    user = demo.users["kapuas.koordinator"]
    r = anon.post(
        "/api/auth/token/",
        {"username": "kapuas.koordinator", "password": "tuntas-demo", "otp": current_code(user)},
        format="json",
    )
    assert r.status_code == 200
    body = r.json()
    assert body["name"] == "Dewi Admin Utama Kapuas"
    token = ApiToken.objects.get(user=user)
    assert body["token_id"] == token.pk
    # Stored hashed: the key itself is nowhere in the database.
    assert token.key_hash == hashlib.sha256(body["token"].encode()).hexdigest()
    assert body["token"] not in {token.key_hash, token.prefix}
    assert token.expires_at > timezone.now()


def test_a_wrong_password_is_a_structured_400(demo, anon):
    r = anon.post("/api/auth/token/", {"username": "warga", "password": "salah"}, format="json")
    error = assert_error(r, 400, "invalid_credentials")
    assert error["message"] == "Nama pengguna atau kata sandi salah."
    assert not ApiToken.objects.exists()


def test_missing_credentials_name_the_fields(demo, anon):
    error = assert_error(anon.post("/api/auth/token/", {}, format="json"), 400)
    assert set(error["fields"]) == {"username", "password"}


def test_the_token_signs_requests_in(demo, api_as):
    assert api_as("warga").get("/api/reports/mine/").status_code == 200


def test_a_session_works_too(demo):
    r = client_for(demo.users["kapuas.koordinator"]).get("/api/staff/reports/")
    assert r.status_code == 200


def test_without_credentials_it_is_401_with_a_challenge(demo, anon):
    r = anon.get("/api/staff/reports/")
    assert_error(r, 401, "not_authenticated")
    assert r["WWW-Authenticate"] == "Token"


def test_a_bad_token_is_401(demo):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token bukan-token")
    assert_error(client.get("/api/reports/mine/"), 401, "authentication_failed")


def test_revoking_the_token_signs_out(demo, api_as):
    client = api_as("warga")
    assert client.delete("/api/auth/token/").status_code == 204
    assert_error(client.get("/api/reports/mine/"), 401)
