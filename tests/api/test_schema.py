"""The OpenAPI schema is complete and valid, and the docs pages need no CDN."""

from __future__ import annotations

import pytest
import yaml
from django.core.management import call_command

from tuntas.api.staff_actions import staff_actions

CDN_HINTS = ("cdn", "unpkg", "jsdelivr", "googleapis", "cloudflare")


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_endpoint_answers(db, anon):
    r = anon.get("/api/schema/")
    assert r.status_code == 200
    assert yaml.safe_load(r.content)["info"]["title"] == "Tuntas API"
    assert anon.get("/api/schema/?format=json").status_code == 200


def test_the_schema_validates_without_warnings(db, tmp_path):
    # ``--fail-on-warn`` turns every warning or error of the generator into a failure.
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    assert out.read_text().startswith("openapi:")


def test_every_staff_action_documents_its_own_request_body(schema):
    paths = schema["paths"]
    for slug, spec in staff_actions().items():
        operation = paths[f"/api/staff/reports/{{tracking_id}}/actions/{slug}/"]["post"]
        assert operation["operationId"] == f"staff_report_{slug}"
        assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/StaffReport"
        }
        assert set(operation["responses"]) >= {"400", "401", "403", "404", "409"}
        if spec.input is None:
            assert "requestBody" not in operation
            continue
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        component = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
        assert component["properties"], slug
        if spec.multipart:
            assert "multipart/form-data" in operation["requestBody"]["content"]


def test_dispose_documents_agency_codes_as_a_list(schema):
    dispose = schema["components"]["schemas"]["DisposeInputRequest"]
    assert dispose["properties"]["agencies"]["type"] == "array"
    assert dispose["required"] == ["agencies"]


def test_every_operation_documents_its_errors_in_the_one_shape(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            errors = {k: v for k, v in operation["responses"].items() if k.startswith("4")}
            for status, response in errors.items():
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error", (path, method, status)


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_load_their_assets_locally(db, anon, path):
    r = anon.get(path)
    assert r.status_code == 200
    html = r.content.decode().lower()
    assert "/static/drf_spectacular_sidecar/" in html
    assert "https://" not in html
    for hint in CDN_HINTS:
        assert hint not in html, hint
