"""API tokens for accounts with two-factor sign-in: the code travels as ``otp``."""

from __future__ import annotations

from tests.api.helpers import assert_error
from tests.two_factor import current_code, ensure_device
from tuntas.accounts.models import ApiToken

CREDENTIALS = {"username": "kapuas.koordinator", "password": "tuntas-demo"}


def test_without_the_code_the_answer_asks_for_it(demo, anon):
    ensure_device(demo.users["kapuas.koordinator"])
    error = assert_error(
        anon.post("/api/auth/token/", CREDENTIALS, format="json"), 400, "otp_required"
    )
    assert set(error["fields"]) == {"otp"}
    assert not ApiToken.objects.exists()


def test_a_wrong_code_is_refused_and_counted(demo, anon):
    ensure_device(demo.users["kapuas.koordinator"])
    r = anon.post("/api/auth/token/", {**CREDENTIALS, "otp": "000000"}, format="json")
    assert_error(r, 400, "invalid_otp")
    assert not ApiToken.objects.exists()


def test_the_right_code_gives_a_token(demo, anon):
    user = demo.users["kapuas.koordinator"]
    r = anon.post("/api/auth/token/", {**CREDENTIALS, "otp": current_code(user)}, format="json")
    assert r.status_code == 200
    assert ApiToken.objects.filter(user=user).count() == 1


def test_a_required_role_without_an_app_is_told_to_set_one_up(demo, anon):
    r = anon.post("/api/auth/token/", CREDENTIALS, format="json")
    error = assert_error(r, 403, "second_factor_setup_required")
    assert "/akun/keamanan/" in error["message"]


def test_a_citizen_without_an_app_needs_no_code(demo, anon):
    r = anon.post(
        "/api/auth/token/", {"username": "warga", "password": "tuntas-demo"}, format="json"
    )
    assert r.status_code == 200
