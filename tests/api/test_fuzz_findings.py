"""What the schemathesis run (scripts/fuzz_api) found, kept fixed: the API refuses input its
schema forbids, never answers HTML, and documents what it enforces."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from drf_spectacular.generators import SchemaGenerator

from tests.api.helpers import assert_error, png, snapshot
from tests.reports.helpers import make_report
from tests.two_factor import current_code, needs_code
from tuntas.accounts.models import User
from tuntas.demo.builder import DEMO_PASSWORD
from tuntas.reports.models import Status

ROOT = Path(__file__).resolve().parents[2]
ACTION = "/api/staff/reports/{tid}/actions/{action}/"


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        ("hold", {"missing": 42}, "missing"),  # DRF would have stored the text "42"
        ("hold", {"missing": ["Foto"]}, "missing"),
        ("verify", {"is_anonymous": "false"}, "is_anonymous"),
        ("verify", {"is_anonymous": 0}, "is_anonymous"),
        ("verify", {"category": "5"}, "category"),
        ("verify", {"classification": 1}, "classification"),
        ("archive", {"reason_code": 7}, "reason_code"),
        ("dispose", {"agencies": [1]}, "agencies"),
    ],
)
def test_a_json_value_of_the_wrong_type_is_400_and_changes_nothing(
    demo, api_as, action, body, field
):
    report = make_report(demo, Status.SUBMITTED if action != "dispose" else Status.VERIFIED)
    before = snapshot()
    r = api_as("kapuas.koordinator").post(
        ACTION.format(tid=report.tracking_id, action=action), body, format="json"
    )
    error = assert_error(r, 400, "validation_error")
    assert list(error["fields"]) == [field], error
    assert snapshot() == before


def test_a_rating_sent_as_text_is_refused(demo, api_as):
    report = make_report(demo, Status.FOLLOWED_UP)
    r = api_as("warga").post(
        f"/api/reports/{report.tracking_id}/reply/",
        {"satisfied": True, "rating": "5"},
        format="json",
    )
    assert assert_error(r, 400)["fields"] == {"rating": ["Harus berupa bilangan bulat."]}


def test_forms_still_send_numbers_and_flags_as_text(demo, api_as):
    r = api_as("warga").post(
        "/api/reports/",
        {
            "pemda": "kapuas",
            "classification": "complaint",
            "title": "Lampu jalan padam",
            "description": "Lampu jalan di depan pasar padam sejak tiga malam.",
            "is_anonymous": "false",
            "attachments": [png()],
        },
        format="multipart",
    )
    assert r.status_code == 201, r.content


@pytest.mark.parametrize(
    "url",
    [
        "/api/agencies/?pemda=",
        "/api/regions/?level=",
        "/api/public/reports/?status=",
    ],
)
def test_an_empty_filter_is_refused_not_ignored(demo, anon, url):
    error = assert_error(anon.get(url), 400, "validation_error")
    assert len(error["fields"]) == 1


@pytest.mark.parametrize(
    "query",
    [
        "limit=abc",
        "limit=0",
        "limit=201",
        "limit=-1",
        "offset=-1",
        "offset=null",
        "limit=1&limit=2",
    ],
)
def test_a_bad_page_is_400_instead_of_silently_the_first(demo, anon, query):
    error = assert_error(anon.get(f"/api/public/reports/?{query}"), 400, "validation_error")
    assert list(error["fields"]) == [query.split("=")[0]]


def test_good_pages_still_work(demo, anon):
    r = anon.get("/api/regions/?limit=200&offset=3")
    assert r.status_code == 200
    assert r.json()["count"] > 3


@pytest.mark.parametrize(
    "url",
    [
        "/api/reports/LPR-X/attachments/abc/",  # not an integer: no pattern matches
        "/api/nothing-here/",
        "/api/staff/reports/LPR-X/actions/teleport/",
    ],
)
def test_an_unknown_api_path_is_a_json_404(demo, anon, url):
    for method in (anon.get, anon.post):
        r = method(url)
        assert r["Content-Type"] == "application/json"
        assert_error(r, 404, "not_found")


def test_other_paths_keep_the_html_404(demo, anon):
    r = anon.get("/tidak-ada/")
    assert r.status_code == 404
    assert r["Content-Type"].startswith("text/html")


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_documents_what_the_api_enforces(schema):
    components = schema["components"]["schemas"]
    submit = components["ReportSubmitRequest"]["properties"]
    assert submit["title"]["minLength"] == 5
    assert submit["description"]["minLength"] == 20
    assert components["SubmitDraftInputRequest"]["properties"]["body"]["minLength"] == 20
    assert components["DisposeInputRequest"]["properties"]["agencies"]["minItems"] == 1
    # Any list that may not be empty, DRF ListField included (webhook events).
    assert components["WebhookSubscriptionInputRequest"]["properties"]["events"]["minItems"] == 1
    # Text of spaces only is empty (DRF trims it): the schema asks for a non-space.
    assert components["ReturnDraftInputRequest"]["properties"]["note"]["pattern"] == r"\S"
    assert "pattern" not in components["ApproveDraftInputRequest"]["properties"]["note"]
    parameters = {
        p["name"]: p["schema"] for p in schema["paths"]["/api/regions/"]["get"]["parameters"]
    }
    assert parameters["limit"] == {"type": "integer", "minimum": 1, "maximum": 200}
    assert parameters["offset"]["minimum"] == 0


def test_the_fuzz_config_names_only_operations_that_exist(schema):
    operation_ids = {
        operation["operationId"]
        for path in schema["paths"].values()
        for operation in path.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    config = tomllib.loads((ROOT / "scripts" / "fuzz_api.toml").read_text())
    named = {name for block in config["operations"] for name in block["include-operation-id"]}
    assert named <= operation_ids, named - operation_ids


def test_the_fuzz_personas_sign_in_with_the_demo_password(demo, anon):
    script = (ROOT / "scripts" / "fuzz_api").read_text()
    match = re.search(r'PERSONAS="\$\{TUNTAS_FUZZ_PERSONAS:-([^}]*)\}"', script)
    assert match is not None
    personas = match.group(1).split()
    assert len(personas) >= 4
    assert f'PASSWORD="{DEMO_PASSWORD}"' in script
    assert "otp" in script  # production's two-factor rules: the script sends each code
    for username in personas:
        body = {"username": username, "password": DEMO_PASSWORD}
        user = User.objects.get(username=username)
        if needs_code(user):
            body["otp"] = current_code(user)
        r = anon.post("/api/auth/token/", body, format="json")
        assert r.status_code == 200, (username, r.content)


def test_a_form_flag_is_true_or_false_only(demo, api_as):
    body = {
        "pemda": "kapuas",
        "classification": "complaint",
        "title": "Lampu jalan padam",
        "description": "Lampu jalan di depan pasar padam sejak tiga malam.",
        "is_anonymous": "1",
    }
    before = snapshot()
    r = api_as("warga").post("/api/reports/", body, format="multipart")
    assert assert_error(r, 400)["fields"] == {"is_anonymous": ["Harus bernilai true atau false."]}
    assert snapshot() == before


@pytest.mark.parametrize(("value", "status"), [("true", 200), ("FALSE", 200), ("yes", 400)])
def test_a_query_flag_is_true_or_false_only(demo, api_as, value, status):
    r = api_as("kapuas.koordinator").get(f"/api/staff/reports/?overdue={value}")
    assert r.status_code == status, r.content


def test_attachments_document_the_types_they_are_served_as(schema):
    operation = schema["paths"]["/api/reports/{tracking_id}/attachments/{attachment_id}/"]["get"]
    assert set(operation["responses"]["200"]["content"]) == {
        "image/jpeg",
        "image/png",
        "image/webp",
        "application/pdf",
    }


@pytest.mark.parametrize(
    ("rate", "ok"), [("100000/hour", True), ("lots", False), ("5/week", False)]
)
def test_api_rates_come_from_the_environment_and_are_checked(rate, ok):
    env = {**os.environ, "TUNTAS_API_RATE_SIGN_IN": rate, "TUNTAS_DEBUG": "true"}
    code = "from django.conf import settings; print(settings.API_RATES['sign_in'])"
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, "DJANGO_SETTINGS_MODULE": "tuntas.settings"},
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert (result.returncode == 0) is ok, result.stderr
    if ok:
        assert result.stdout.strip() == rate
    else:
        assert "sign_in must look like 30/hour" in result.stderr
