"""/api/webhooks/: the same rules as the staff pages, in the API's error shape."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import token_for
from tests.webhooks.conftest import MakeSubscription, webhook_rows
from tuntas.apikeys.services import issue_api_key
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo
from tuntas.webhooks.models import WebhookSubscription

API = "/api/webhooks/"
ApiAs = Callable[[str], APIClient]


@pytest.fixture
def api_as(demo: Demo) -> ApiAs:
    def make(username: str) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(username)}")
        return client

    return make


BODY = {"url": "https://hooks.example.org/t", "events": ["report.closed"], "description": "BI"}


def test_a_coordinator_creates_lists_reads_and_deletes(
    demo: Demo, api_as: ApiAs, subscribe: MakeSubscription
):
    subscribe("majalengka")  # not theirs
    client = api_as("kapuas.koordinator")
    created = client.post(API, BODY, format="json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["organisation"] == "kapuas"  # their only organisation
    assert data["events"] == ["report.closed"]
    assert data["is_active"] is True
    assert data["secret"].startswith("whsec_")
    assert WebhookSubscription.objects.get(pk=data["id"]).secret == data["secret"]

    listed = client.get(API).json()
    assert listed["count"] == 1
    assert [s["id"] for s in listed["results"]] == [data["id"]]
    assert "secret" not in listed["results"][0]

    ping = client.post(f"{API}{data['id']}/ping/")
    assert ping.status_code == 202
    detail = client.get(f"{API}{data['id']}/").json()
    assert "secret" not in detail
    [delivery] = detail["recent_deliveries"]
    assert delivery["event"] == "ping"
    assert delivery["state"] == "pending"
    assert delivery["delivery"] == webhook_rows()[0].idempotency_key

    rotated = client.post(f"{API}{data['id']}/rotate-secret/").json()
    assert rotated["secret"] != data["secret"]

    assert client.delete(f"{API}{data['id']}/").status_code == 204
    assert not WebhookSubscription.objects.filter(pk=data["id"]).exists()
    assert list(
        AuditEvent.objects.filter(action__startswith="webhook_")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["webhook_create", "webhook_ping", "webhook_rotate_secret", "webhook_delete"]


def test_a_national_admin_names_the_organisation(demo: Demo, api_as: ApiAs):
    client = api_as("nasional")
    missing = client.post(API, BODY, format="json")
    assert missing.status_code == 400
    assert missing.json()["error"]["fields"]["organisation"]
    created = client.post(API, {**BODY, "organisation": "national"}, format="json")
    assert created.status_code == 201
    assert created.json()["organisation"] == "national"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**BODY, "url": "http://hooks.example.org/t"}, "url"),
        ({**BODY, "url": "https://10.0.0.1/t"}, "url"),
        ({**BODY, "events": []}, "events"),
        ({**BODY, "events": ["report.opened"]}, "events.0"),
        ({**BODY, "organisation": "majalengka"}, "organisation"),
        ({**BODY, "events": "report.closed"}, "events"),
    ],
)
def test_bad_input_is_a_400_with_the_field_and_nothing_is_saved(
    demo: Demo, api_as: ApiAs, production_targets: None, body: dict[str, object], field: str
):
    response = api_as("kapuas.koordinator").post(API, body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert field in error["fields"], error
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize("username", ["warga", "kapuas.pupr.penghubung", "ombudsman"])
def test_other_roles_are_forbidden(
    demo: Demo, api_as: ApiAs, subscribe: MakeSubscription, username: str
):
    sub = subscribe("kapuas")
    client = api_as(username)
    assert client.get(API).status_code == 403
    response = client.post(API, BODY, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert client.delete(f"{API}{sub.pk}/").status_code == 403
    assert WebhookSubscription.objects.count() == 1


def test_without_credentials_it_is_401(demo: Demo):
    response = APIClient().get(API)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_another_pemdas_subscription_is_not_found(
    demo: Demo, api_as: ApiAs, subscribe: MakeSubscription
):
    sub = subscribe("majalengka")
    client = api_as("kapuas.koordinator")
    assert client.get(f"{API}{sub.pk}/").status_code == 404
    assert client.delete(f"{API}{sub.pk}/").status_code == 404
    assert client.post(f"{API}{sub.pk}/rotate-secret/").status_code == 404
    assert WebhookSubscription.objects.filter(pk=sub.pk).exists()


def _key_client(demo: Demo, org: str, scopes: list[str]) -> APIClient:
    _key, secret = issue_api_key(
        actor=None, organisation=demo.orgs[org], name="Dasbor", scopes=scopes
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    return client


def test_an_api_key_with_the_scope_manages_its_pemdas_subscriptions(
    demo: Demo, subscribe: MakeSubscription
):
    other = subscribe("majalengka")
    client = _key_client(demo, "kapuas", ["webhooks.manage"])
    created = client.post(API, BODY, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["organisation"] == "kapuas"
    assert client.get(API).json()["count"] == 1
    assert client.get(f"{API}{other.pk}/").status_code == 404
    national = client.post(API, {**BODY, "organisation": "national"}, format="json")
    assert national.status_code == 400


def test_an_api_key_without_the_scope_or_of_an_agency_is_forbidden(demo: Demo):
    for client in (
        _key_client(demo, "kapuas", ["reports.read"]),
        _key_client(demo, "kapuas-pupr", ["webhooks.manage"]),
    ):
        response = client.post(API, BODY, format="json")
        assert response.status_code == 403
    assert not WebhookSubscription.objects.exists()
