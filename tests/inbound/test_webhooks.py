"""The providers' webhooks: signatures, handshake, storing once, answering at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.inbound.payloads import (
    COMPLAINT,
    MAILBOX,
    WA_VERIFY,
    email_bytes,
    post_email,
    post_sms,
    post_whatsapp,
    sms_payload,
    whatsapp_payload,
    whatsapp_statuses,
)
from tuntas.inbound.models import InboundChannel, InboundMessage, InboundState
from tuntas.inbound.signatures import sign
from tuntas.reports.models import Report

pytestmark = pytest.mark.django_db

POSTS: dict[str, tuple[Callable[..., Any], Callable[..., bytes]]] = {
    "whatsapp": (post_whatsapp, whatsapp_payload),
    "sms": (post_sms, sms_payload),
    "email": (post_email, email_bytes),
}


@pytest.mark.parametrize("channel", list(POSTS))
def test_it_refuses_a_bad_or_missing_signature_and_stores_nothing(channel):
    post, payload = POSTS[channel]
    body = payload()
    assert post(body, signature="sha256=" + "0" * 64).status_code == 403
    assert post(body, secret="wrong-secret").status_code == 403
    missing = Client().post(f"/webhook/{channel}/", data=body, content_type="application/json")
    assert missing.status_code == 403
    assert not InboundMessage.objects.exists()


@pytest.mark.parametrize("channel", list(POSTS))
def test_a_channel_without_its_secret_is_switched_off(channel, settings):
    name = {
        "whatsapp": "TUNTAS_WHATSAPP_APP_SECRET",
        "sms": "TUNTAS_SMS_WEBHOOK_SECRET",
        "email": "TUNTAS_EMAIL_WEBHOOK_SECRET",
    }[channel]
    setattr(settings, name, "")
    post, payload = POSTS[channel]
    assert post(payload(), secret="").status_code == 404
    assert not InboundMessage.objects.exists()


def test_webhooks_take_post_only():
    assert Client().get("/webhook/sms/").status_code == 405
    assert Client().get("/webhook/email/").status_code == 405
    assert Client().put("/webhook/whatsapp/").status_code == 405


def test_whatsapp_verification_handshake(settings):
    client = Client()
    good = {"hub.mode": "subscribe", "hub.verify_token": WA_VERIFY, "hub.challenge": "12345"}
    response = client.get("/webhook/whatsapp/", good)
    assert response.status_code == 200
    assert response.content == b"12345"
    assert response["Content-Type"].startswith("text/plain")
    assert client.get("/webhook/whatsapp/", {**good, "hub.verify_token": "nope"}).status_code == 403
    assert client.get("/webhook/whatsapp/", {**good, "hub.mode": "unsubscribe"}).status_code == 403
    settings.TUNTAS_WHATSAPP_VERIFY_TOKEN = ""
    assert client.get("/webhook/whatsapp/", good).status_code == 404


def test_whatsapp_message_is_stored_with_the_raw_body(routes):
    body = whatsapp_payload()
    assert post_whatsapp(body).status_code == 200
    message = InboundMessage.objects.get()
    assert message.channel == InboundChannel.WHATSAPP
    assert message.provider_id == "wamid.AAA1"
    assert message.sender == "6281234567890"
    assert message.raw == body.decode()
    assert message.state == InboundState.CREATED  # processed right after the store


def test_whatsapp_statuses_are_acknowledged_and_ignored(routes):
    assert post_whatsapp(whatsapp_statuses()).status_code == 200
    assert not InboundMessage.objects.exists()


def test_whatsapp_media_is_kept_as_unparseable_with_the_type(routes):
    assert post_whatsapp(whatsapp_payload("foto", kind="image")).status_code == 200
    message = InboundMessage.objects.get()
    assert message.state == InboundState.UNPARSEABLE
    assert "image" in message.error
    assert message.pemda == routes.orgs["kapuas"]  # routed, so the coordinator sees it
    assert not Report.objects.exists()


def test_undecodable_whatsapp_body_is_kept_as_unparseable(routes):
    assert post_whatsapp(b"\xff\xfe not json").status_code == 200
    message = InboundMessage.objects.get()
    assert message.state == InboundState.UNPARSEABLE
    assert message.raw == "\\xff\\xfe not json"


@pytest.mark.parametrize("channel", list(POSTS))
def test_a_redelivery_is_stored_once(routes, channel):
    post, payload = POSTS[channel]
    body = payload()
    assert post(body).status_code == 200
    assert post(body).status_code == 200
    assert InboundMessage.objects.count() == 1
    assert Report.objects.count() == 1


def test_sms_as_a_form_is_accepted(routes):
    body = f"from=081234567890&to=081100000001&text={COMPLAINT}&id=form-1".encode()
    response = post_sms(body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    message = InboundMessage.objects.get()
    assert (message.provider_id, message.sender, message.destination) == (
        "form-1",
        "6281234567890",
        "6281100000001",
    )
    assert message.text == COMPLAINT


def test_email_is_stored_with_message_id_and_routed_mailbox(routes):
    body = email_bytes(to=f"Humas <humas@example.org>, {MAILBOX}")
    assert post_email(body).status_code == 200
    message = InboundMessage.objects.get()
    assert message.provider_id == "abc-1@example.org"
    assert message.sender == "siti.warga@example.org"
    assert message.destination == MAILBOX  # the recipient with a route
    assert message.subject == "Jalan rusak di Selat"
    assert message.state == InboundState.CREATED


def test_a_body_over_the_limit_is_refused(settings, routes):
    settings.TUNTAS_INBOUND_MAX_BYTES = 1024
    body = email_bytes("x" * 2000)
    assert post_email(body).status_code == 413
    assert not InboundMessage.objects.exists()


def test_processing_failure_after_store_still_answers_200(routes, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr("tuntas.inbound.services._decide", boom)
    assert post_sms(sms_payload()).status_code == 200
    message = InboundMessage.objects.get()
    assert message.state == InboundState.RECEIVED  # left for the periodic task
    assert message.attempts == 1
    assert "database hiccup" in message.error


def test_signature_over_the_exact_bytes(routes):
    body = sms_payload()
    signature = sign(body, "sms-secret")
    assert post_sms(body + b"\n", signature=signature).status_code == 403


def test_nul_characters_do_not_break_the_store(routes):
    body = whatsapp_payload("Jalan rusak\u0000 parah sekali di depan pasar Selat sejak lama")
    assert b"\\u0000" in body
    assert post_whatsapp(body).status_code == 200
    message = InboundMessage.objects.get()
    assert "\x00" not in message.text and "\x00" not in message.raw
