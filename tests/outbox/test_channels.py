"""Each channel's payload, headers and error classification."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from tests.outbox.helpers import message
from tuntas.federation.transport import FederationTransport
from tuntas.outbox.channels import (
    REGISTRY,
    TransportError,
    is_enabled,
    register_transport,
    transport_for,
)
from tuntas.outbox.channels.email import EmailTransport, message_id
from tuntas.outbox.channels.sms import SMS_LIMIT
from tuntas.outbox.checks import channels_have_transports
from tuntas.outbox.models import DeliveryChannel, Notification
from tuntas.webhooks.transport import WebhookTransport


def test_every_channel_has_a_transport():
    assert set(REGISTRY) == set(DeliveryChannel.values)
    assert channels_have_transports() == []


def test_the_machine_channels_are_registered_by_their_own_apps():
    assert REGISTRY[DeliveryChannel.WEBHOOK] is WebhookTransport
    assert REGISTRY[DeliveryChannel.FEDERATION] is FederationTransport
    register_transport(DeliveryChannel.WEBHOOK, WebhookTransport)  # again: nothing changes
    with pytest.raises(ValueError, match="already has a transport"):
        register_transport(DeliveryChannel.WEBHOOK, EmailTransport)
    assert REGISTRY[DeliveryChannel.WEBHOOK] is WebhookTransport


def test_a_channel_nobody_registered_fails_the_system_check(monkeypatch):
    monkeypatch.delitem(REGISTRY, DeliveryChannel.FEDERATION)
    [error] = channels_have_transports()
    assert error.id == "outbox.E001" and "'federation'" in error.msg
    with pytest.raises(TransportError) as unknown:
        transport_for(DeliveryChannel.FEDERATION)
    assert unknown.value.permanent


def test_channels_without_settings_are_switched_off(channels_off):
    assert is_enabled(DeliveryChannel.IN_APP)
    assert is_enabled(DeliveryChannel.EMAIL)
    assert not is_enabled(DeliveryChannel.WHATSAPP)
    assert not is_enabled(DeliveryChannel.WHATSAPP_GROUP)
    assert not is_enabled(DeliveryChannel.SMS)


def test_whatsapp_posts_a_cloud_api_text_message(db, channels_on):
    msg = message(DeliveryChannel.WHATSAPP, "6281234567890")
    transport_for(msg.channel).send(msg)
    [request] = channels_on.requests
    assert request.path == "/wa/v21.0/1055/messages"
    assert request.headers["authorization"] == "Bearer wa-secret"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["idempotency-key"] == msg.idempotency_key
    assert request.body == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "6281234567890",
        "type": "text",
        "text": {
            "body": "*[LPR-1] Verifikasi*\n"
            'Laporan LPR-1 "Jalan rusak": Verifikasi.\n'
            "https://lapor.example.go.id/laporan/LPR-1/"
        },
    }


def test_a_whatsapp_group_is_addressed_as_a_group(db, channels_on):
    msg = message(DeliveryChannel.WHATSAPP_GROUP, "120363025246125486@g.us")
    transport_for(msg.channel).send(msg)
    [request] = channels_on.requests
    assert request.body["recipient_type"] == "group"
    assert request.body["to"] == "120363025246125486@g.us"
    assert request.headers["idempotency-key"] == msg.idempotency_key


def test_sms_posts_to_the_gateway_with_reference_and_key(db, channels_on):
    msg = message(DeliveryChannel.SMS, "6281234567890")
    transport_for(msg.channel).send(msg)
    [request] = channels_on.requests
    assert request.path == "/sms/send"
    assert request.headers["authorization"] == "Bearer sms-secret"
    assert request.headers["idempotency-key"] == msg.idempotency_key
    assert request.body == {
        "to": "+6281234567890",
        "message": 'Laporan LPR-1 "Jalan rusak": Verifikasi.\n'
        "https://lapor.example.go.id/laporan/LPR-1/",
        "reference": msg.idempotency_key,
    }


def test_a_long_sms_is_cut_to_480_characters_and_keeps_its_link(db, channels_on):
    msg = message(DeliveryChannel.SMS, "081234567890", body="Panjang sekali. " * 100)
    transport_for(msg.channel).send(msg)
    text = channels_on.requests[0].body["message"]
    assert len(text) == SMS_LIMIT
    assert text.endswith("…\nhttps://lapor.example.go.id/laporan/LPR-1/")


@pytest.mark.parametrize(
    ("status", "permanent"),
    [(400, True), (401, True), (404, True), (429, False), (500, False), (503, False)],
)
def test_client_errors_are_permanent_and_server_errors_retried(db, channels_on, status, permanent):
    channels_on.answer(status)
    msg = message(DeliveryChannel.WHATSAPP, "6281234567890")
    with pytest.raises(TransportError) as caught:
        transport_for(msg.channel).send(msg)
    assert caught.value.permanent is permanent
    assert f"HTTP {status}" in caught.value.message
    assert "wa-secret" not in caught.value.message


def test_an_unreachable_gateway_is_a_temporary_error(db, channels_on, settings):
    settings.TUNTAS_SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"  # nothing listens there
    msg = message(DeliveryChannel.SMS, "6281234567890")
    with pytest.raises(TransportError) as caught:
        transport_for(msg.channel).send(msg)
    assert caught.value.permanent is False


def test_an_invalid_number_is_a_permanent_error_and_nothing_is_sent(db, channels_on):
    msg = message(DeliveryChannel.SMS, "021-5551234")
    with pytest.raises(TransportError) as caught:
        transport_for(msg.channel).send(msg)
    assert caught.value.permanent is True
    assert channels_on.requests == []


def test_sending_on_a_channel_switched_off_later_is_permanent(db, channels_off):
    msg = message(DeliveryChannel.WHATSAPP, "6281234567890")
    with pytest.raises(TransportError) as caught:
        transport_for(msg.channel).send(msg)
    assert caught.value.permanent is True


def test_in_app_creates_one_notification_however_often_it_runs(demo):
    user = demo.users["warga"]
    msg = message(DeliveryChannel.IN_APP, recipient=user)
    transport_for(msg.channel).send(msg)
    transport_for(msg.channel).send(msg)
    [note] = Notification.objects.filter(user=user)
    assert note.subject == msg.subject
    assert note.link == "/laporan/LPR-1/"
    assert note.created_at == msg.created_at


def test_email_is_multipart_with_greeting_link_footer_and_message_id(demo, settings):
    settings.TUNTAS_SITE_URL = "https://lapor.example.go.id"
    user = demo.users["warga"]
    msg = message(DeliveryChannel.EMAIL, user.email, recipient=user)
    transport_for(msg.channel).send(msg)
    [sent] = mail.outbox
    assert isinstance(sent, EmailMultiAlternatives)
    assert sent.to == [user.email]
    assert sent.subject == "[LPR-1] Verifikasi"
    assert sent.extra_headers["Message-ID"] == message_id(msg.idempotency_key)
    assert message_id(msg.idempotency_key).endswith("@lapor.example.go.id>")
    assert "Yth. Siti Rahmawati," in sent.body
    assert "https://lapor.example.go.id/laporan/LPR-1/" in sent.body
    assert "https://lapor.example.go.id/akun/notifikasi/pengaturan/" in sent.body
    [(html, mimetype)] = sent.alternatives
    assert mimetype == "text/html"
    assert isinstance(html, str)
    assert 'href="https://lapor.example.go.id/laporan/LPR-1/"' in html
    assert "Ubah pilihan notifikasi Anda" in html


def test_email_to_a_reporter_without_account_explains_why_and_has_no_settings_link(db):
    msg = message(DeliveryChannel.EMAIL, "pelapor@example.com", body="<b>Halo</b> & selamat")
    transport_for(msg.channel).send(msg)
    [sent] = mail.outbox
    assert isinstance(sent, EmailMultiAlternatives)
    assert "Yth. Bapak/Ibu," in sent.body
    assert "dicantumkan saat laporan dikirim" in sent.body
    assert "pengaturan" not in sent.body
    assert "<b>Halo</b> & selamat" in sent.body  # the text part is not HTML-escaped
    html = sent.alternatives[0][0]
    assert isinstance(html, str)
    assert "&lt;b&gt;Halo&lt;/b&gt; &amp; selamat" in html


def test_an_invalid_email_address_is_a_permanent_error(db):
    msg = message(DeliveryChannel.EMAIL, "bukan-email")
    with pytest.raises(TransportError) as caught:
        transport_for(msg.channel).send(msg)
    assert caught.value.permanent is True
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (smtplib.SMTPRecipientsRefused({"a@b.id": (550, b"no such user")}), True),
        (smtplib.SMTPRecipientsRefused({"a@b.id": (451, b"try later")}), False),
        (smtplib.SMTPServerDisconnected("gone"), False),
        (ConnectionRefusedError("refused"), False),
    ],
)
def test_smtp_failures_are_classified(db, monkeypatch, error, permanent):
    def refuse(self, fail_silently=False):
        raise error

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    msg = message(DeliveryChannel.EMAIL, "a@b.id")
    with pytest.raises(TransportError) as caught:
        EmailTransport().send(msg)
    assert caught.value.permanent is permanent
