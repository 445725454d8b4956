"""Every Open311 answer validates against the published schemas (JSON) and the XSD
written from the spec (XML); XML and JSON carry the same data."""

from __future__ import annotations

import pytest

from tests.open311.conftest import BASE, public_report, validate_json, validate_xml
from tuntas.reference.models import Category
from tuntas.reports.models import Status

K = "jurisdiction_id=kapuas"


def _service_code() -> str:
    return str(Category.objects.get(name="Jalan rusak").pk)


def _post_data(secret: str, **overrides: str) -> dict[str, str]:
    data = {
        "api_key": secret,
        "jurisdiction_id": "kapuas",
        "service_code": _service_code(),
        "lat": "-3.001234",
        "long": "114.389",
        "description": "Lubang besar di Jl. Tambun Bungai dekat pasar, sudah dua minggu.",
        "email": "pelapor@contoh.id",
        "attribute[classification]": "complaint",
    }
    data.update(overrides)
    return data


def test_discovery(db, client):
    data = validate_json("discovery", client.get(f"{BASE}/discovery.json").content)
    assert data["endpoints"][0]["url"].endswith("/open311/v2")
    assert set(data["endpoints"][0]["formats"]) == {"text/xml", "application/json"}
    xml = validate_xml("discovery", client.get(f"{BASE}/discovery.xml").content)
    assert xml["endpoints"]["endpoint"][0]["url"] == data["endpoints"][0]["url"]


def test_service_list(demo, client):
    r = client.get(f"{BASE}/services.json?{K}")
    assert r["Content-Type"] == "application/json; charset=utf-8"
    services = validate_json("services", r.content)
    r = client.get(f"{BASE}/services.xml?{K}")
    assert r["Content-Type"] == "text/xml; charset=utf-8"
    xml = validate_xml("services", r.content)["service"]
    assert [s["service_code"] for s in xml] == [s["service_code"] for s in services]
    assert all(s["metadata"] is True for s in services)
    assert all(s["metadata"] == "true" for s in xml)


def test_service_definition(demo, client):
    code = _service_code()
    definition = validate_json(
        "service_definition", client.get(f"{BASE}/services/{code}.json?{K}").content
    )
    assert definition["service_code"] == code
    xml = validate_xml("service_definition", client.get(f"{BASE}/services/{code}.xml?{K}").content)
    assert [a["code"] for a in xml["attributes"]["attribute"]] == [
        a["code"] for a in definition["attributes"]
    ]


@pytest.mark.parametrize(
    "status", [Status.VERIFIED, Status.DISPOSED, Status.FOLLOWED_UP, Status.CLOSED]
)
def test_requests_and_one_request(demo, client, status):
    report = public_report(demo, status)
    rows = validate_json("requests", client.get(f"{BASE}/requests.json?{K}").content)
    assert [r["service_request_id"] for r in rows] == [report.tracking_id]
    xml = validate_xml("service_requests", client.get(f"{BASE}/requests.xml?{K}").content)
    assert xml["request"][0]["service_request_id"] == report.tracking_id
    one = validate_json(
        "requests", client.get(f"{BASE}/requests/{report.tracking_id}.json?{K}").content
    )
    assert one == rows
    validate_xml(
        "service_requests", client.get(f"{BASE}/requests/{report.tracking_id}.xml?{K}").content
    )


def test_an_empty_list_is_valid(demo, client):
    assert validate_json("requests", client.get(f"{BASE}/requests.json?{K}").content) == []
    validate_xml("service_requests", client.get(f"{BASE}/requests.xml?{K}").content)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_answer_and_token(demo, client, secret, fmt):
    r = client.post(f"{BASE}/requests.{fmt}", _post_data(secret, account_id="akun-77"))
    assert r.status_code == 200, r.content
    if fmt == "json":
        answer = validate_json("post", r.content)[0]
    else:
        answer = validate_xml("service_requests", r.content)["request"][0]
    assert answer["account_id"] == "akun-77"
    token = answer["token"]
    r = client.get(f"{BASE}/tokens/{token}.{fmt}?{K}")
    assert r.status_code == 200
    if fmt == "json":
        resolved = validate_json("token", r.content)[0]
    else:
        resolved = validate_xml("service_requests", r.content)["request"][0]
    assert resolved == {"service_request_id": answer["service_request_id"], "token": token}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/services.{fmt}", 400),  # several Pemdas: jurisdiction_id required
        ("/services.{fmt}?jurisdiction_id=atlantis", 404),
        ("/services/99999.{fmt}?" + K, 404),
        ("/requests/LPR-0000-NOPE.{fmt}?" + K, 404),
        ("/requests.{fmt}?start_date=kemarin&" + K, 400),
        ("/tokens/palsu.{fmt}?" + K, 404),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_errors(demo, client, path, status, fmt):
    r = client.get(BASE + path.format(fmt=fmt))
    assert r.status_code == status
    if fmt == "json":
        errors = validate_json("errors", r.content)
        assert errors[0]["code"] == status
    else:
        errors = validate_xml("errors", r.content)["error"]
        assert errors[0]["code"] == str(status)


def test_post_errors_validate(demo, client, secret):
    r = client.post(f"{BASE}/requests.xml", _post_data("salah"))
    assert r.status_code == 403
    validate_xml("errors", r.content)
    r = client.post(f"{BASE}/requests.json", _post_data(secret, lat="", long="", description=""))
    assert r.status_code == 400
    assert len(validate_json("errors", r.content)) >= 1
