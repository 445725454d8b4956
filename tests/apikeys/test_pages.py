"""The staff pages /petugas/kunci-api/: who may open them, issuing, uses, revoking."""

from __future__ import annotations

import pytest

from tests.conftest import client_for
from tuntas.apikeys.models import ApiKey, ApiKeyUse
from tuntas.apikeys.services import authenticate_key, record_use
from tuntas.audit.models import AuditEvent

LIST = "/petugas/kunci-api/"
CREATE = "/petugas/kunci-api/baru/"


def _form(demo, **overrides):
    data = {
        "organisation": demo.orgs["kapuas"].pk,
        "name": "Chatbot WhatsApp Kapuas",
        "scopes": ["open311.submit", "reports.read"],
        "rate_limit_per_minute": "",
        "expires_on": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "username", ["kapuas.pupr.penghubung", "kapuas.pupr.admin", "kapuas.kasi", "warga"]
)
def test_others_get_403(demo, issue_key, username):
    key, _secret = issue_key()
    client = client_for(demo.users[username])
    for path in [LIST, CREATE, f"{LIST}{key.pk}/"]:
        assert client.get(path).status_code == 403, path
    assert client.post(CREATE, _form(demo)).status_code == 403
    assert client.post(f"{LIST}{key.pk}/cabut/", {"reason": "Saya cabut"}).status_code == 403
    assert ApiKey.objects.count() == 1
    key.refresh_from_db()
    assert key.revoked_at is None


def test_anonymous_is_sent_to_login(db):
    assert client_for(None).get(LIST).status_code == 302


def test_the_key_user_cannot_open_staff_pages(issue_key):
    key, _secret = issue_key()
    assert client_for(key.user).get(LIST).status_code == 403


def test_a_coordinator_issues_a_key_and_sees_the_secret_once(demo):
    client = client_for(demo.users["kapuas.koordinator"])
    page = client.get(CREATE)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kabupaten Kapuas" in html
    assert "Majalengka" not in html  # only organisations in scope are offered
    r = client.post(CREATE, _form(demo))
    assert r.status_code == 302
    shown = client.get(r["Location"])
    assert shown.status_code == 200
    key = ApiKey.objects.get()
    secret = shown.context["secret"]
    assert secret in shown.content.decode()
    assert authenticate_key(secret, scope="open311.submit") == key
    assert key.created_by == demo.users["kapuas.koordinator"]
    again = client.get(r["Location"])
    assert again.status_code == 302  # not shown a second time
    assert secret not in client.get(f"{LIST}{key.pk}/").content.decode()
    assert "Chatbot WhatsApp Kapuas" in client.get(LIST).content.decode()


@pytest.mark.parametrize(
    "overrides",
    [
        {"name": ""},
        {"name": "ab"},
        {"scopes": []},
        {"scopes": ["everything"]},
        {"rate_limit_per_minute": "0"},
        {"expires_on": "2001-01-01"},
        {"expires_on": "besok"},
    ],
)
def test_bad_input_changes_nothing(demo, overrides):
    client = client_for(demo.users["kapuas.koordinator"])
    r = client.post(CREATE, _form(demo, **overrides))
    assert r.status_code == 400
    assert not ApiKey.objects.exists()
    assert not AuditEvent.objects.filter(action="api_key_issued").exists()


def test_a_coordinator_cannot_issue_for_another_pemda(demo):
    client = client_for(demo.users["kapuas.koordinator"])
    r = client.post(CREATE, _form(demo, organisation=demo.orgs["majalengka"].pk))
    assert r.status_code == 400  # not among the choices offered
    assert not ApiKey.objects.exists()


def test_lists_show_only_keys_in_scope(demo, issue_key):
    issue_key("kapuas", name="Aplikasi Kapuas")
    issue_key("majalengka-pupr", name="Aplikasi Majalengka")
    kapuas = client_for(demo.users["kapuas.koordinator"]).get(LIST).content.decode()
    assert "Aplikasi Kapuas" in kapuas
    assert "Aplikasi Majalengka" not in kapuas
    national = client_for(demo.users["nasional"]).get(LIST).content.decode()
    assert "Aplikasi Kapuas" in national and "Aplikasi Majalengka" in national


def test_another_pemdas_key_is_404(demo, issue_key):
    key, _secret = issue_key("majalengka")
    client = client_for(demo.users["kapuas.koordinator"])
    assert client.get(f"{LIST}{key.pk}/").status_code == 404
    assert client.post(f"{LIST}{key.pk}/cabut/", {"reason": "Bukan milik saya"}).status_code == 404
    key.refresh_from_db()
    assert key.revoked_at is None


def test_the_detail_page_shows_recent_uses(demo, issue_key):
    key, _secret = issue_key()
    record_use(
        key,
        method="POST",
        path="/open311/v2/requests.json",
        status_code=201,
        remote_addr="10.0.0.9",
    )
    html = client_for(demo.users["kapuas.koordinator"]).get(f"{LIST}{key.pk}/").content.decode()
    assert "/open311/v2/requests.json" in html
    assert "10.0.0.9" in html
    assert '<th scope="col">' in html


def test_revoking_needs_a_reason(demo, issue_key):
    key, _secret = issue_key()
    client = client_for(demo.users["kapuas.koordinator"])
    r = client.post(f"{LIST}{key.pk}/cabut/", {"reason": ""})
    assert r.status_code == 400
    key.refresh_from_db()
    assert key.revoked_at is None
    r = client.post(f"{LIST}{key.pk}/cabut/", {"reason": "Kunci bocor di media sosial"})
    assert r.status_code == 302
    key.refresh_from_db()
    assert key.revoke_reason == "Kunci bocor di media sosial"
    assert "Dicabut" in client.get(f"{LIST}{key.pk}/").content.decode()


def test_the_use_log_is_append_only_in_the_admin(demo, issue_key):
    key, _secret = issue_key()
    use = record_use(key, method="GET", path="/x", status_code=200, remote_addr="bad ip")
    assert use is not None and use.remote_addr is None
    admin = client_for(demo.users["nasional"])
    assert admin.get(f"/admin/apikeys/apikeyuse/{use.pk}/delete/").status_code == 403
    assert ApiKeyUse.objects.count() == 1


def test_the_integration_page_links_to_the_keys_for_coordinators_only(demo):
    coordinator = client_for(demo.users["kapuas.koordinator"])
    assert 'href="/petugas/integrasi/"' in coordinator.get("/petugas/").content.decode()
    assert LIST in coordinator.get("/petugas/integrasi/").content.decode()
    agency = client_for(demo.users["kapuas.pupr.admin"])
    assert "/petugas/integrasi/" not in agency.get("/petugas/").content.decode()
    assert agency.get("/petugas/integrasi/").status_code == 403
