"""Staff sessions end after ``TUNTAS_STAFF_IDLE_MINUTES`` without a request."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.test import override_settings

from tests.conftest import client_for
from tuntas.accounts.middleware import LAST_SEEN_KEY


def idle_for(client, seconds):
    session = client.session
    session[LAST_SEEN_KEY] = session.get(LAST_SEEN_KEY, 0) - seconds
    session.save()


@override_settings(TUNTAS_STAFF_IDLE_MINUTES=30)
def test_an_idle_staff_session_ends(demo):
    client = client_for(demo.users["kapuas.pupr.staf"])
    assert client.get("/petugas/").status_code == 200
    idle_for(client, 29 * 60)
    assert client.get("/petugas/").status_code == 200  # activity keeps it alive
    idle_for(client, 31 * 60)
    response = client.get("/petugas/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=")
    assert SESSION_KEY not in client.session


@override_settings(TUNTAS_STAFF_IDLE_MINUTES=30)
def test_an_idle_api_session_is_answered_as_not_signed_in(demo):
    client = client_for(demo.users["kapuas.koordinator"])
    assert client.get("/api/staff/reports/").status_code == 200
    idle_for(client, 31 * 60)
    assert client.get("/api/staff/reports/").status_code in (401, 403)


@override_settings(TUNTAS_STAFF_IDLE_MINUTES=30)
def test_citizens_are_not_signed_out_for_idling(demo):
    client = client_for(demo.users["warga"])
    client.get("/laporan-saya/")
    session = client.session
    session[LAST_SEEN_KEY] = 0
    session.save()
    assert client.get("/laporan-saya/").status_code == 200


def test_the_default_is_eight_hours(settings):
    assert settings.TUNTAS_STAFF_IDLE_MINUTES == 8 * 60
