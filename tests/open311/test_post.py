"""POST requests: an application files a report with its key, through the same intake."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tuntas.apikeys.models import ApiKey, ApiKeyUse
from tuntas.apikeys.services import issue_api_key, revoke_api_key
from tuntas.audit.models import AuditEvent
from tuntas.outbox.models import OutboxMessage
from tuntas.reference.models import Category
from tuntas.reports.models import Clock, Report, Status
from tuntas.reports.selectors import report_by_access_code

URL = "/open311/v2/requests.json"


def _data(secret: str, **overrides: str) -> dict[str, str]:
    data = {
        "api_key": secret,
        "jurisdiction_id": "kapuas",
        "service_code": str(Category.objects.get(name="Jalan rusak").pk),
        "lat": "-3.0012345",
        "long": "114.389",
        "address_string": "Jl. Tambun Bungai dekat Pasar Selat",
        "description": "Lubang besar di badan jalan dekat pasar, sudah dua minggu, berbahaya.",
        "email": "pelapor@contoh.id",
        "first_name": "Rina",
        "last_name": "Wati",
        "phone": "081298765432",
        "device_id": "hp-123",
        "account_id": "akun-9",
        "attribute[classification]": "complaint",
        "attribute[incident_date]": "2026-11-20",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_it_files_a_report_like_any_citizen_submission(demo, client, secret):
    r = client.post(URL, _data(secret))
    assert r.status_code == 200, r.content
    answer = r.json()[0]
    report = Report.objects.get(tracking_id=answer["service_request_id"])
    assert report.status == Status.SUBMITTED
    assert report.pemda == demo.orgs["kapuas"]
    assert report.channel.code == "open311"
    assert report.category == Category.objects.get(name="Jalan rusak")
    assert report.classification.code == "complaint"
    assert str(report.incident_date) == "2026-11-20"
    assert (report.latitude, report.longitude) == (Decimal("-3.001235"), Decimal("114.389000"))
    assert report.location_text == "Jl. Tambun Bungai dekat Pasar Selat"
    assert report.reporter_name == "Rina Wati"
    assert report.reporter_email == "pelapor@contoh.id"
    assert report.is_anonymous and report.is_confidential  # privacy defaults on
    key = ApiKey.objects.get()
    assert report.created_by == key.user
    assert Clock.objects.filter(report=report).exists()  # verification clock runs
    # audit: the intake event and one naming the application
    event = AuditEvent.objects.get(report=report, action="api_key_submit")
    assert event.actor == key.user
    assert event.actor_label == "Aplikasi: Chatbot Kapuas"
    assert event.data["open311"]["device_id"] == "hp-123"
    assert AuditEvent.objects.filter(report=report, action="submit").exists()
    # the key's use is logged
    use = ApiKeyUse.objects.get()
    assert (use.method, use.path, use.status_code) == ("POST", URL, 200)
    assert answer["account_id"] == "akun-9"


def test_the_reporter_gets_the_tracking_id_and_access_code(demo, client, secret, settings):
    settings.TUNTAS_SMS_GATEWAY_URL = "https://sms.contoh.id/kirim"
    settings.TUNTAS_SMS_GATEWAY_TOKEN = "rahasia-gateway"
    r = client.post(URL, _data(secret))
    tracking_id = r.json()[0]["service_request_id"]
    receipt = OutboxMessage.objects.get(event="open311_receipt", channel="email")
    assert tracking_id in receipt.body
    code = receipt.body.split("Kode akses: ")[1].split()[0]
    assert report_by_access_code(tracking_id, code) is not None
    assert OutboxMessage.objects.filter(event="open311_receipt", channel="sms").exists()
    assert tracking_id.encode() in r.content and code.encode() not in r.content


def test_privacy_flags_can_be_turned_off_explicitly(demo, client, secret):
    data = _data(secret, **{"attribute[anonymous]": "false", "attribute[confidential]": "false"})
    report = Report.objects.get(tracking_id=client.post(URL, data).json()[0]["service_request_id"])
    assert not report.is_anonymous and not report.is_confidential


def test_the_token_resolves_to_the_tracking_id(demo, client, secret):
    answer = client.post(URL, _data(secret)).json()[0]
    r = client.get(f"/open311/v2/tokens/{answer['token']}.json?jurisdiction_id=kapuas")
    assert r.json() == [
        {"service_request_id": answer["service_request_id"], "token": answer["token"]}
    ]
    other = client.get(f"/open311/v2/tokens/{answer['token']}.json?jurisdiction_id=majalengka")
    assert other.status_code == 404


def test_the_key_may_be_sent_as_a_header(demo, client, secret):
    data = _data(secret)
    del data["api_key"]
    assert client.post(URL, data, HTTP_X_API_KEY=secret).status_code == 200


def test_address_id_is_a_region_code_of_the_pemda(demo, client, secret):
    data = _data(secret, lat="", long="", address_string="", address_id="62.03.01")
    report = Report.objects.get(tracking_id=client.post(URL, data).json()[0]["service_request_id"])
    assert report.region is not None and report.region.code == "62.03.01"
    assert report.location_text == "Selat"
    r = client.post(URL, _data(secret, address_id="32.10.01"))  # a Majalengka region
    assert r.status_code == 400


def test_other_service_goes_without_category(demo, client, secret):
    r = client.post(URL, _data(secret, service_code="lainnya"))
    report = Report.objects.get(tracking_id=r.json()[0]["service_request_id"])
    assert report.category is None


@pytest.mark.parametrize(
    ("overrides", "status", "words"),
    [
        ({"api_key": ""}, 403, "api_key"),
        ({"api_key": "tnt_abcdefgh_salah"}, 403, "Kunci API tidak dikenal"),
        ({"jurisdiction_id": "majalengka"}, 403, "hanya untuk laporan ke"),
        ({"jurisdiction_id": ""}, 400, "jurisdiction_id"),
        ({"jurisdiction_id": "atlantis"}, 404, "atlantis"),
        ({"service_code": ""}, 400, "service_code"),
        ({"service_code": "99999"}, 404, "99999"),
        ({"lat": "", "long": "", "address_string": ""}, 400, "Lokasi wajib"),
        ({"lat": "91", "long": "114"}, 400, "lat"),
        ({"lat": "-3.1", "long": ""}, 400, "lat dan long"),
        ({"attribute[classification]": ""}, 400, "classification"),
        ({"attribute[classification]": "gossip"}, 400, "classification"),
        ({"attribute[incident_date]": "besok"}, 400, "incident_date"),
        ({"attribute[incident_date]": "2099-01-01"}, 400, "masa depan"),
        ({"attribute[anonymous]": "maybe"}, 400, "anonymous"),
        ({"description": "Pendek"}, 400, "description"),
        ({"description": "x" * 4001}, 400, "4.000"),
        ({"email": "bukan-email"}, 400, "email"),
        ({"email": "", "phone": ""}, 400, "email"),
        ({"phone": "abc"}, 400, "phone"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
    ],
)
def test_bad_requests_change_nothing(demo, client, secret, overrides, status, words):
    r = client.post(URL, _data(secret, **overrides))
    assert r.status_code == status, r.content
    body = r.json()
    assert body[0]["code"] == status
    assert any(words in e["description"] for e in body), body
    assert not Report.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_key_without_the_scope_is_403(demo, client):
    _key, other = issue_api_key(
        actor=None, organisation=demo.orgs["kapuas"], name="Dasbor", scopes=["reports.read"]
    )
    r = client.post(URL, _data(other))
    assert r.status_code == 403
    assert not Report.objects.exists()


def test_a_revoked_key_is_403(demo, client, secret):
    revoke_api_key(actor=None, key=ApiKey.objects.get(), reason="Aplikasi dihentikan")
    r = client.post(URL, _data(secret))
    assert r.status_code == 403
    assert "dicabut" in r.json()[0]["description"]
    assert ApiKeyUse.objects.get().status_code == 403


def test_a_national_key_may_file_for_any_pemda(demo, client):
    _key, national = issue_api_key(
        actor=None,
        organisation=demo.orgs["national"],
        name="LAPOR! pusat",
        scopes=["open311.submit"],
    )
    code = str(Category.objects.get(name="Sampah").pk)
    r = client.post(URL, _data(national, jurisdiction_id="bangkalan", service_code=code))
    assert r.status_code == 200, r.content
    assert Report.objects.get().pemda == demo.orgs["bangkalan"]


def test_over_the_rate_limit_is_429(demo, client):
    _key, limited = issue_api_key(
        actor=None,
        organisation=demo.orgs["kapuas"],
        name="Kecil",
        scopes=["open311.submit"],
        rate_limit_per_minute=1,
    )
    assert client.post(URL, _data(limited)).status_code == 200
    r = client.post(URL, _data(limited))
    assert r.status_code == 429
    assert 1 <= int(r["Retry-After"]) <= 60
    assert Report.objects.count() == 1


def test_post_needs_no_csrf_token(demo, secret):
    from django.test import Client

    r = Client(enforce_csrf_checks=True).post(URL, _data(secret))
    assert r.status_code == 200


def test_media_url_reaches_staff_in_the_description(demo, client, secret):
    url = "https://foto.contoh.id/lubang.jpg"
    r = client.post(URL, _data(secret, media_url=url))
    report = Report.objects.get(tracking_id=r.json()[0]["service_request_id"])
    assert url in report.description
