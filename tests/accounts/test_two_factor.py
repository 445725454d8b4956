"""Two-factor sign-in: required for superusers, national admins and coordinators."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import client_for
from tests.two_factor import current_code, ensure_device
from tuntas.accounts import two_factor
from tuntas.audit.models import AuditEvent

LOGIN = "/akun/masuk/"
VERIFY = "/akun/dua-langkah/verifikasi/"
SETUP = "/akun/dua-langkah/pasang/"


def password_step(client, username, **extra):
    return client.post(LOGIN, {"username": username, "password": "tuntas-demo", **extra})


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


@pytest.mark.parametrize("username", ["nasional", "kapuas.koordinator"])
def test_a_required_role_without_an_app_must_set_one_up_before_any_staff_page(demo, username):
    client = Client()
    response = password_step(client, username, next="/petugas/")
    assert response["Location"] == SETUP
    assert SESSION_KEY not in client.session  # not signed in yet
    assert client.get("/petugas/").status_code == 302  # to the sign-in page
    page = client.get(SETUP)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Peran Anda mewajibkan" in html
    device = TOTPDevice.objects.get(user=demo.users[username], confirmed=False)
    assert client.post(SETUP, {"code": "000000"}).status_code == 400
    done = client.post(SETUP, {"code": code_of(device)})
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z2-7]{5}-[a-z2-7]{5})</code>", done.content.decode())
    assert len(codes) == 10
    assert int(client.session[SESSION_KEY]) == demo.users[username].pk
    assert client.get("/petugas/").status_code == 200
    assert AuditEvent.objects.filter(
        action="two_factor_enabled", actor=demo.users[username]
    ).exists()
    # The codes are stored as keyed hashes, never as shown.
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10 and not {c.replace("-", "") for c in codes} & stored


def test_with_an_app_the_code_is_asked_after_the_password(demo):
    user = demo.users["kapuas.koordinator"]
    ensure_device(user)
    client = Client()
    assert password_step(client, "kapuas.koordinator")["Location"] == VERIFY
    assert SESSION_KEY not in client.session
    wrong = client.post(VERIFY, {"code": "123456"})
    assert wrong.status_code == 400
    assert "Kode salah" in wrong.content.decode()
    failed = AuditEvent.objects.get(action="second_factor_failed")
    assert failed.data["username"] == "kapuas.koordinator" and failed.data["reason"] == "wrong_code"
    right = client.post(VERIFY, {"code": current_code(user)})
    assert right["Location"] == reverse("staff:home")
    assert client.get("/petugas/").status_code == 200
    signed_in = AuditEvent.objects.filter(action="sign_in", actor=user).get()
    assert signed_in.data["second_factor"] == "totp"


def test_a_recovery_code_works_once(demo):
    user = demo.users["kapuas.koordinator"]
    client = client_for(user)
    codes = two_factor.regenerate_recovery_codes(actor=user)
    for attempt, status in ((1, 302), (2, 400)):
        fresh = Client()
        password_step(fresh, "kapuas.koordinator")
        response = fresh.post(VERIFY, {"code": codes[0].upper()})
        assert response.status_code == status, attempt
    assert two_factor.recovery_codes_left(user) == 9
    assert AuditEvent.objects.filter(action="recovery_code_used").count() == 1
    assert client.get("/akun/keamanan/").status_code == 200


def test_regenerated_codes_replace_the_old_ones(demo):
    user = demo.users["kapuas.koordinator"]
    client = client_for(user)
    old = two_factor.regenerate_recovery_codes(actor=user)
    page = client.post("/akun/dua-langkah/kode-pemulihan/")
    assert page.status_code == 200
    new = re.findall(r"<code>([a-z2-7-]{11})</code>", page.content.decode())
    assert len(new) == 10
    assert two_factor.verify_code(user, new[1])[1] == "recovery_code"
    assert two_factor.verify_code(user, old[1]) == (None, "")


def test_a_citizen_signs_in_with_the_password_alone_until_they_switch_it_on(demo):
    citizen = demo.users["warga"]
    client = Client()
    assert password_step(client, "warga")["Location"] == reverse("citizen:my_reports")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=citizen, confirmed=False)
    assert client.post(SETUP, {"code": code_of(device)}).status_code == 200
    client.post("/akun/keluar/")
    again = Client()
    assert password_step(again, "warga")["Location"] == VERIFY
    # Optional for a citizen: they may switch it off again with a current code.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    signed_in = client_for(citizen)
    off = signed_in.post("/akun/dua-langkah/matikan/", {"code": code_of(device)})
    assert off.status_code == 302
    assert not two_factor.has_device(citizen)
    assert AuditEvent.objects.filter(action="two_factor_disabled").exists()


def test_a_required_role_cannot_switch_it_off(demo):
    user = demo.users["kapuas.koordinator"]
    client = client_for(user)
    client.post("/akun/dua-langkah/matikan/", {"code": current_code(user)})
    assert two_factor.has_device(user)


@override_settings(TUNTAS_2FA_REQUIRED_ROLES=frozenset({"liaison_officer"}))
def test_the_required_roles_are_a_setting(demo):
    assert two_factor.required_for(demo.users["kapuas.pupr.penghubung"])
    assert not two_factor.required_for(demo.users["kapuas.koordinator"])
    assert password_step(Client(), "kapuas.pupr.penghubung")["Location"] == SETUP


def test_a_session_that_skipped_the_code_reaches_no_staff_page_admin_or_api(demo):
    """E.g. a session from before the requirement: sent to the code, refused by the API."""
    user = demo.users["nasional"]
    ensure_device(user)
    client = Client()
    client.force_login(user)
    page = client.get("/petugas/")
    assert page.status_code == 302 and page["Location"].startswith(VERIFY)
    assert client.get("/admin/")["Location"].startswith(VERIFY)
    api = client.get("/api/staff/reports/")
    assert api.status_code == 403
    assert api.json()["error"]["code"] == "second_factor_required"
    assert client.post(VERIFY, {"code": current_code(user)}).status_code == 302
    assert client.get("/petugas/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_the_pending_sign_in_expires(demo, monkeypatch):
    ensure_device(demo.users["kapuas.koordinator"])
    client = Client()
    password_step(client, "kapuas.koordinator")
    session = client.session
    session["tuntas_sign_in_pending"]["since"] -= 11 * 60
    session.save()
    response = client.post(VERIFY, {"code": current_code(demo.users["kapuas.koordinator"])})
    assert response["Location"] == LOGIN
    assert SESSION_KEY not in client.session


def test_too_many_wrong_codes_end_the_attempt(demo):
    ensure_device(demo.users["kapuas.koordinator"])
    client = Client()
    password_step(client, "kapuas.koordinator")
    for _ in range(10):
        client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": current_code(demo.users["kapuas.koordinator"])})
    assert response["Location"] == LOGIN
    assert SESSION_KEY not in client.session


@override_settings(TUNTAS_2FA_DEMO_RELAXED=True)
def test_the_relaxed_demo_says_so_in_a_banner(demo):
    client = Client()
    assert password_step(client, "kapuas.koordinator")["Location"] == reverse("staff:home")
    page = client.get("/petugas/").content.decode()
    assert "verifikasi dua langkah untuk peran Anda dilonggarkan" in page
    citizen = client_for(demo.users["warga"]).get("/laporan-saya/").content.decode()
    assert "dilonggarkan" not in citizen
