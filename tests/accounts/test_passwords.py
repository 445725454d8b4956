"""Password change for everyone, reset by e-mail, and a coordinator resetting staff access."""

from __future__ import annotations

import re

from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings

from tests.api.conftest import token_for
from tests.conftest import client_for
from tests.two_factor import ensure_device
from tuntas.accounts import two_factor
from tuntas.accounts.models import ApiToken, User
from tuntas.audit.models import AuditEvent
from tuntas.outbox.models import OutboxMessage

CHANGE = "/akun/kata-sandi/"
FORGOT = "/akun/lupa-sandi/"
NEW = "kopi-tubruk-sore-9"


def test_everyone_changes_their_password(demo):
    user = demo.users["warga"]
    token_for("warga")
    client = client_for(user)
    wrong = client.post(
        CHANGE, {"old_password": "salah", "new_password1": NEW, "new_password2": NEW}
    )
    assert wrong.status_code == 400
    assert AuditEvent.objects.filter(action="sign_in_failed", data__channel="web").exists()
    response = client.post(
        CHANGE, {"old_password": "tuntas-demo", "new_password1": NEW, "new_password2": NEW}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert client.get("/laporan-saya/").status_code == 200  # this session goes on
    assert ApiToken.objects.get().revoked_at is not None  # tokens do not
    assert AuditEvent.objects.filter(action="password_changed", actor=user).exists()


def test_a_weak_new_password_is_refused(demo):
    client = client_for(demo.users["warga"])
    r = client.post(
        CHANGE,
        {"old_password": "tuntas-demo", "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert r.status_code == 400


def reset_link(address: str) -> str:
    message = OutboxMessage.objects.filter(address=address, event="password_reset").latest("id")
    return message.link.removeprefix("http://127.0.0.1:8000")


def test_a_reset_link_by_e_mail_sets_a_new_password_once(demo):
    known = Client().post(FORGOT, {"email": "warga@demo.tuntas.invalid"})
    unknown = Client().post(FORGOT, {"email": "tidak.ada@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert OutboxMessage.objects.filter(event="password_reset").count() == 1
    link = reset_link("warga@demo.tuntas.invalid")
    client = Client()
    form = client.get(link, follow=True)
    assert form.status_code == 200 and b"new_password1" in form.content
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    user = User.objects.get(username="warga")
    assert user.check_password(NEW)
    assert SESSION_KEY not in client.session  # a reset does not sign in (2FA still applies)
    assert AuditEvent.objects.filter(action="password_reset_done", actor=user).exists()
    again = Client().get(link, follow=True)
    assert b"tidak berlaku lagi" in again.content


@override_settings(TUNTAS_PASSWORD_RESET_PER_HOUR=2)
def test_reset_requests_are_throttled(demo):
    for _ in range(2):
        Client().post(FORGOT, {"email": "warga@demo.tuntas.invalid"})
    limited = Client().post(FORGOT, {"email": "warga@demo.tuntas.invalid"})
    assert limited.status_code == 429
    assert OutboxMessage.objects.filter(event="password_reset").count() == 2


def test_a_coordinator_resets_a_staff_members_access_in_their_pemda(demo):
    coordinator = demo.users["kapuas.koordinator"]
    staff = demo.users["kapuas.pupr.staf"]
    ensure_device(staff)
    token_for("kapuas.pupr.staf")
    client = client_for(coordinator)
    page = client.get("/akun/petugas/").content.decode()
    assert "kapuas.pupr.staf" in page
    assert "majalengka" not in page and "kapuas.koordinator" not in page
    refused = client.post(f"/akun/petugas/{staff.pk}/atur-ulang/", {"reason": ""})
    assert refused.status_code == 302
    staff.refresh_from_db()
    assert staff.has_usable_password()
    done = client.post(f"/akun/petugas/{staff.pk}/atur-ulang/", {"reason": "Ponsel hilang"})
    assert done.status_code == 200
    staff.refresh_from_db()
    assert not staff.has_usable_password()
    assert not two_factor.has_device(staff)
    assert ApiToken.objects.get(user=staff).revoked_at is not None
    event = AuditEvent.objects.get(action="staff_access_reset")
    assert (event.actor, event.reason, event.data["username"]) == (
        coordinator,
        "Ponsel hilang",
        "kapuas.pupr.staf",
    )
    # The staff member sets a new password through the link (e-mailed, or shown once).
    if staff.email:
        link = reset_link(staff.email)
    else:
        found = re.search(
            r"http://127\.0\.0\.1:8000(/akun/atur-sandi/[^<\s]+)", done.content.decode()
        )
        assert found is not None
        link = found[1]
    fresh = Client()
    form = fresh.get(link, follow=True)
    fresh.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    staff.refresh_from_db()
    assert staff.check_password(NEW)


def test_a_coordinator_cannot_reset_outside_their_pemda_or_a_fellow_coordinator(demo):
    client = client_for(demo.users["kapuas.koordinator"])
    for target in ("majalengka.disporbudpar.staf", "kapuas.koordinator", "nasional", "warga"):
        user = demo.users[target]
        assert (
            client.post(f"/akun/petugas/{user.pk}/atur-ulang/", {"reason": "coba coba"}).status_code
            == 404
        )
        user.refresh_from_db()
        assert user.has_usable_password()
    assert not AuditEvent.objects.filter(action="staff_access_reset").exists()


def test_the_national_admin_resets_a_coordinator_and_citizens_have_no_such_page(demo):
    target = demo.users["majalengka.koordinator"]
    response = client_for(demo.users["nasional"]).post(
        f"/akun/petugas/{target.pk}/atur-ulang/", {"reason": "Pindah tugas"}
    )
    assert response.status_code == 200
    assert client_for(demo.users["warga"]).get("/akun/petugas/").status_code == 404
    assert client_for(demo.users["kapuas.pupr.staf"]).get("/akun/petugas/").status_code == 404
