"""Payloads as the providers send them, and signed posts to the webhooks."""

from __future__ import annotations

import json
from email.message import EmailMessage
from typing import Any

from django.test import Client

from tuntas.inbound.signatures import sign

WA_SECRET = "wa-app-secret"
WA_VERIFY = "wa-verify-token"
SMS_SECRET = "sms-secret"
EMAIL_SECRET = "email-secret"
WA_PHONE_NUMBER_ID = "109876543210"
SMS_GATEWAY = "6281100000001"
MAILBOX = "lapor@kapuaskab.go.id"

COMPLAINT = (
    "Jalan rusak parah di depan SDN 2 Selat\n"
    "Sudah dua minggu berlubang dan membahayakan anak sekolah yang lewat."
)


def whatsapp_payload(
    text: str = COMPLAINT,
    *,
    sender: str = "6281234567890",
    message_id: str = "wamid.AAA1",
    kind: str = "text",
    phone_number_id: str = WA_PHONE_NUMBER_ID,
    name: str = "Pak Darto",
) -> bytes:
    message: dict[str, Any] = {"from": sender, "id": message_id, "timestamp": "1760000000"}
    message["type"] = kind
    if kind == "text":
        message["text"] = {"body": text}
    else:
        message[kind] = {"id": "media-1", "mime_type": "image/jpeg", "caption": text}
    payload = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "WABA-1",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "6281100000002",
                                "phone_number_id": phone_number_id,
                            },
                            "contacts": [{"profile": {"name": name}, "wa_id": sender}],
                            "messages": [message],
                        },
                    }
                ],
            }
        ],
    }
    return json.dumps(payload).encode()


def whatsapp_statuses() -> bytes:
    value = {
        "metadata": {"phone_number_id": WA_PHONE_NUMBER_ID},
        "statuses": [{"id": "wamid.OUT1", "status": "delivered", "recipient_id": "62812"}],
    }
    return json.dumps({"entry": [{"changes": [{"value": value}]}]}).encode()


def sms_payload(
    text: str = COMPLAINT,
    *,
    sender: str = "081234567890",
    to: str = SMS_GATEWAY,
    message_id: str = "sms-1",
) -> bytes:
    return json.dumps({"from": sender, "to": to, "text": text, "id": message_id}).encode()


def email_bytes(
    body: str = COMPLAINT,
    *,
    sender: str = "Siti <Siti.Warga@Example.org>",
    to: str = MAILBOX,
    subject: str = "Jalan rusak di Selat",
    message_id: str = "<abc-1@example.org>",
    html: str | None = None,
    charset: str = "utf-8",
    headers: dict[str, str] | None = None,
    attachment: bytes | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    if message_id:
        message["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body, charset=charset)
    if html is not None:
        message.add_alternative(html, subtype="html")
    if attachment is not None:
        message.add_attachment(attachment, maintype="image", subtype="jpeg", filename="foto.jpg")
    return message.as_bytes()


def post_whatsapp(body: bytes, *, signature: str | None = None, secret: str = WA_SECRET):
    headers = {"X-Hub-Signature-256": signature or sign(body, secret)}
    return Client().post(
        "/webhook/whatsapp/", data=body, content_type="application/json", headers=headers
    )


def post_sms(
    body: bytes,
    *,
    content_type: str = "application/json",
    signature: str | None = None,
    secret: str = SMS_SECRET,
):
    headers = {"X-Tuntas-Signature": signature or sign(body, secret)}
    return Client().post("/webhook/sms/", data=body, content_type=content_type, headers=headers)


def post_email(body: bytes, *, signature: str | None = None, secret: str = EMAIL_SECRET):
    headers = {"X-Tuntas-Signature": signature or sign(body, secret)}
    return Client().post(
        "/webhook/email/", data=body, content_type="message/rfc822", headers=headers
    )
