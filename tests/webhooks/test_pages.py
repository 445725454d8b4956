"""The staff pages at /petugas/webhook/ as coordinators and national admins use them."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.webhooks.conftest import MakeSubscription, webhook_rows
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo
from tuntas.webhooks.models import WebhookSubscription

LIST = "/petugas/webhook/"
NEW = "/petugas/webhook/baru/"


def _form(demo: Demo, org: str = "kapuas", **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "organisation": demo.orgs[org].pk,
        "url": "https://hooks.example.org/tuntas",
        "events": ["report.created", "report.closed"],
        "description": "Dasbor bupati",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("username", ["warga", "kapuas.pupr.penghubung", "kapuas.pupr.staf"])
def test_others_are_refused(demo: Demo, subscribe: MakeSubscription, username: str):
    sub = subscribe("kapuas")
    client = client_for(demo.users[username])
    for url in (LIST, NEW, f"{LIST}{sub.pk}/"):
        assert client.get(url).status_code == 403
    assert client.post(NEW, _form(demo)).status_code == 403
    assert client.post(f"{LIST}{sub.pk}/hapus/").status_code == 403
    assert client.post(f"{LIST}{sub.pk}/uji/").status_code == 403
    assert WebhookSubscription.objects.count() == 1
    assert webhook_rows() == []


def test_anonymous_visitors_are_sent_to_sign_in(demo: Demo):
    response = client_for(None).get(LIST)
    assert response.status_code == 302
    assert "/akun/masuk/" in response["Location"]


def test_a_coordinator_subscribes_and_sees_the_secret_once(demo: Demo):
    client = client_for(demo.users["kapuas.koordinator"])
    page = client.get(NEW)
    assert page.status_code == 200
    organisations = [o for o, _ in page.context["form"].fields["organisation"].choices]
    assert organisations == [demo.orgs["kapuas"].pk]  # only their own Pemda

    response = client.post(NEW, _form(demo))
    assert response.status_code == 201
    sub = WebhookSubscription.objects.get()
    assert sub.organisation == demo.orgs["kapuas"]
    assert sub.events == ["report.created", "report.closed"]
    assert sub.created_by == demo.users["kapuas.koordinator"]
    assert sub.secret.startswith("whsec_")
    assert sub.secret in response.content.decode()
    # Never shown again.
    for url in (LIST, f"{LIST}{sub.pk}/"):
        assert sub.secret not in client.get(url).content.decode()
    event = AuditEvent.objects.get(action="webhook_create")
    assert event.actor == demo.users["kapuas.koordinator"]
    assert event.organisation == demo.orgs["kapuas"]
    assert sub.secret not in str(event.data)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"url": "http://hooks.example.org/x"}, "url", "https://"),
        ({"url": "https://192.168.1.10/x"}, "url", "jaringan internal"),
        ({"url": "https://localhost/x"}, "url", "jaringan internal"),
        ({"url": ""}, "url", "harus diisi"),
        ({"events": []}, "events", "harus diisi"),
        ({"events": ["report.deleted"]}, "events", "pilihan yang valid"),
    ],
)
def test_bad_input_is_refused_in_indonesian_and_nothing_is_saved(
    demo: Demo, production_targets: None, overrides: dict[str, Any], field: str, message: str
):
    client = client_for(demo.users["kapuas.koordinator"])
    response = client.post(NEW, _form(demo, **overrides))
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert not WebhookSubscription.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="webhook_").exists()


def test_a_coordinator_cannot_subscribe_for_another_pemda(demo: Demo):
    client = client_for(demo.users["kapuas.koordinator"])
    response = client.post(NEW, _form(demo, org="majalengka"))
    assert response.status_code == 400
    assert not WebhookSubscription.objects.exists()


def test_subscriptions_of_other_pemdas_are_not_found(demo: Demo, subscribe: MakeSubscription):
    sub = subscribe("majalengka")
    client = client_for(demo.users["kapuas.koordinator"])
    assert sub.url not in client.get(LIST).content.decode()
    assert client.get(f"{LIST}{sub.pk}/").status_code == 404
    assert client.post(f"{LIST}{sub.pk}/hapus/").status_code == 404
    assert client.post(f"{LIST}{sub.pk}/kunci-baru/").status_code == 404
    assert WebhookSubscription.objects.get(pk=sub.pk).secret == "whsec_test-secret"


def test_a_national_admin_manages_every_pemda_and_the_national_feed(
    demo: Demo, subscribe: MakeSubscription
):
    kapuas = subscribe("kapuas")
    client = client_for(demo.users["nasional"])
    assert kapuas.url in client.get(LIST).content.decode()
    choices = [o for o, _ in client.get(NEW).context["form"].fields["organisation"].choices]
    assert choices[0] == demo.orgs["national"].pk
    assert demo.orgs["bangkalan"].pk in choices
    assert client.post(NEW, _form(demo, org="national")).status_code == 201
    assert WebhookSubscription.objects.filter(organisation=demo.orgs["national"]).exists()


def test_editing_disabling_rotating_pinging_and_deleting_are_audited(
    demo: Demo, subscribe: MakeSubscription
):
    sub = subscribe("kapuas")
    client = client_for(demo.users["kapuas.koordinator"])
    detail = f"{LIST}{sub.pk}/"

    response = client.post(
        detail,
        {"url": "https://hooks.example.org/v2", "events": ["report.escalated"], "description": ""},
    )  # the "Aktif" box left unticked: disabled
    assert response.status_code == 302
    sub.refresh_from_db()
    assert (sub.url, sub.events, sub.is_active) == (
        "https://hooks.example.org/v2",
        ["report.escalated"],
        False,
    )

    bad = client.post(detail, {"url": "ftp://x", "events": ["report.closed"]})
    assert bad.status_code == 400
    sub.refresh_from_db()
    assert sub.url == "https://hooks.example.org/v2"

    old = sub.secret
    rotated = client.post(f"{detail}kunci-baru/")
    sub.refresh_from_db()
    assert rotated.status_code == 200
    assert sub.secret != old and sub.secret in rotated.content.decode()

    assert client.post(f"{detail}uji/").status_code == 302
    [ping] = webhook_rows(event="ping")
    assert ping.address.startswith(f"{sub.pk} ")
    page = client.get(detail).content.decode()
    assert "Menunggu dikirim" in page  # the ping among the recent deliveries

    assert client.post(f"{detail}hapus/").status_code == 302
    assert not WebhookSubscription.objects.exists()
    actions = list(
        AuditEvent.objects.filter(action__startswith="webhook_")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "webhook_update",
        "webhook_rotate_secret",
        "webhook_ping",
        "webhook_delete",
    ]


def test_the_integration_page_shows_the_link_to_whom_may_use_it(demo: Demo):
    link = reverse("webhooks:list")
    integrations = reverse("staff:integrations")
    coordinator = client_for(demo.users["kapuas.koordinator"])
    assert f'href="{integrations}"' in coordinator.get("/petugas/").content.decode()
    assert link in coordinator.get(integrations).content.decode()
    staff = client_for(demo.users["kapuas.pupr.staf"])
    assert integrations not in staff.get("/petugas/").content.decode()
    assert staff.get(integrations).status_code == 403
