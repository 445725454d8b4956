"""Reading what the providers send (no database needed)."""

from __future__ import annotations

import json

import pytest

from tests.inbound.payloads import (
    COMPLAINT,
    MAILBOX,
    WA_PHONE_NUMBER_ID,
    email_bytes,
    sms_payload,
    whatsapp_payload,
    whatsapp_statuses,
)
from tuntas.core.phones import international_digits
from tuntas.inbound.addresses import find_tracking_id, normalise_email
from tuntas.inbound.models import InboundChannel
from tuntas.inbound.parsing import (
    html_to_text,
    parse_email,
    parse_sms,
    parse_whatsapp,
    without_quoted_reply,
)
from tuntas.inbound.signatures import sign, valid_signature


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("081234567890", "6281234567890"),
        ("+62 812-3456-7890", "6281234567890"),
        ("0062 81234567890", "6281234567890"),
        ("81234567890", "6281234567890"),
        ("6281234567890", "6281234567890"),
        ("+1 415 555 2671", "14155552671"),
        ("12345", ""),
        ("bukan nomor", ""),
    ],
)
def test_phone_numbers_are_normalised_to_62(raw, expected):
    assert international_digits(raw) == expected


def test_email_addresses_are_lower_cased_and_checked():
    assert normalise_email(" Siti.Warga@Example.ORG ") == "siti.warga@example.org"
    assert normalise_email("not-an-address") == ""


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Balasan untuk LPR-2611-ABCDEF: Y", "LPR-2611-ABCDEF"),
        ("lpr-2611-abcdef y", "lpr-2611-abcdef"),
        ("[LPR-2611-ABC234] Re: laporan", "LPR-2611-ABC234"),
        ("XLPR-2611-ABCDEF", None),  # not word-bounded
        ("LPR-2611-ABCDEFG", None),  # too long
        ("LPR-2611-ABCDE1", None),  # 1 is not in the tracking alphabet
        ("LPR-26-ABCDEF", None),
    ],
)
def test_tracking_ids_are_found_case_insensitively_and_word_bounded(text, found):
    match = find_tracking_id(text)
    assert (match.group(0) if match else None) == found


def test_signature_is_hmac_sha256_of_the_raw_body():
    body = b'{"a": 1}'
    assert valid_signature(body, sign(body, "s3cret"), "s3cret")
    assert valid_signature(body, sign(body, "s3cret").upper().replace("SHA256", "sha256"), "s3cret")
    assert not valid_signature(body + b" ", sign(body, "s3cret"), "s3cret")
    assert not valid_signature(body, sign(body, "other"), "s3cret")
    assert not valid_signature(body, None, "s3cret")
    assert not valid_signature(body, "", "s3cret")
    assert not valid_signature(body, "sha256=ünïcode", "s3cret")
    assert not valid_signature(body, sign(body, ""), "")


def test_whatsapp_text_message():
    [parsed] = parse_whatsapp(whatsapp_payload(sender="6281234567890"))
    assert parsed.channel == InboundChannel.WHATSAPP
    assert parsed.provider_id == "wamid.AAA1"
    assert parsed.sender == "6281234567890"
    assert parsed.sender_name == "Pak Darto"
    assert parsed.destinations == [WA_PHONE_NUMBER_ID]
    assert parsed.text == COMPLAINT
    assert parsed.error == ""


def test_whatsapp_media_is_kept_with_its_type_named():
    [parsed] = parse_whatsapp(whatsapp_payload("Foto jalan", kind="image"))
    assert "image" in parsed.error
    assert parsed.text == "Foto jalan"
    assert parsed.attachment_count == 1


def test_whatsapp_statuses_are_ignored_and_nonsense_is_kept_with_the_error():
    assert parse_whatsapp(whatsapp_statuses()) == []
    assert parse_whatsapp(b'{"entry": "nonsense"}') == []
    [broken] = parse_whatsapp(b"{not json")
    assert broken.error.startswith("Data WhatsApp tidak dapat dibaca")
    assert broken.provider_id.startswith("sha256:")


def test_sms_json_and_form():
    parsed = parse_sms(sms_payload(sender="0812 3456 7890"), "application/json")
    assert (parsed.sender, parsed.destinations, parsed.provider_id) == (
        "6281234567890",
        ["6281100000001"],
        "sms-1",
    )
    assert parsed.text == COMPLAINT
    form = parse_sms(
        b"from=%2B6281234567890&to=1234&text=Halo+LPR&id=77", "application/x-www-form-urlencoded"
    )
    assert (form.sender, form.destinations, form.text, form.provider_id) == (
        "6281234567890",
        ["1234"],  # a short code is kept as it is
        "Halo LPR",
        "77",
    )


def test_sms_without_id_gets_a_stable_digest_and_bad_json_an_error():
    body = json.dumps({"from": "0812345678", "to": "1", "text": "x"}).encode()
    assert (
        parse_sms(body, "application/json").provider_id
        == parse_sms(body, "application/json").provider_id
    )
    assert parse_sms(b"[1, 2]", "application/json").error
    assert parse_sms(b"{oops", "application/json").error


def test_email_plain_text_with_headers():
    parsed = parse_email(email_bytes())
    assert parsed.channel == InboundChannel.EMAIL
    assert parsed.provider_id == "abc-1@example.org"
    assert parsed.sender == "siti.warga@example.org"
    assert parsed.sender_name == "Siti"
    assert parsed.destinations == [MAILBOX]
    assert parsed.subject == "Jalan rusak di Selat"
    assert parsed.text == COMPLAINT
    assert parsed.error == ""


def test_email_prefers_plain_text_and_decodes_charsets():
    parsed = parse_email(
        email_bytes("Jalan di depan pasar rusak — mohon diperbaiki", html="<p>HTML saja</p>")
    )
    assert parsed.text == "Jalan di depan pasar rusak — mohon diperbaiki"
    latin = (
        b"From: a@example.org\r\nTo: lapor@kapuaskab.go.id\r\nSubject: =?iso-8859-1?q?Caf=E9?=\r\n"
        b"Message-ID: <l1@example.org>\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\nKafe \xe9 dekat terminal berisik sekali.\r\n"
    )
    parsed = parse_email(latin)
    assert parsed.subject == "Café"
    assert parsed.text == "Kafe é dekat terminal berisik sekali."


def test_email_html_only_is_stripped_to_text():
    raw = (
        b"From: a@example.org\r\nTo: lapor@kapuaskab.go.id\r\nSubject: Lampu\r\n"
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><head><style>p{color:red}</style></head><body><p>Lampu jalan <b>mati</b></p>"
        b"<p>sejak&nbsp;kemarin</p><script>alert(1)</script></body></html>"
    )
    parsed = parse_email(raw)
    assert parsed.text == "Lampu jalan mati\n\nsejak kemarin"
    assert parsed.provider_id.startswith("sha256:")  # no Message-ID: a digest of the bytes
    assert html_to_text("<div>a</div><div>b</div>") == "a\n\nb"


def test_email_attachments_are_counted_and_auto_replies_refused():
    parsed = parse_email(email_bytes(attachment=b"\xff\xd8\xff"))
    assert parsed.attachment_count == 1
    auto = parse_email(email_bytes(headers={"Auto-Submitted": "auto-replied"}))
    assert auto.error == "Balasan otomatis (auto-reply) tidak diproses."
    assert parse_email(email_bytes(headers={"Auto-Submitted": "no"})).error == ""


def test_email_recipients_from_delivered_to_and_cc():
    parsed = parse_email(
        email_bytes(to="Humas <humas@example.org>", headers={"Cc": MAILBOX}),
        fallback_destination="Poller@Kapuaskab.go.id",
    )
    assert parsed.destinations == ["humas@example.org", MAILBOX, "poller@kapuaskab.go.id"]


def test_quoted_reply_is_cut():
    text = "Y, sudah beres\n\nPada Sen, 3 Nov 2025 pukul 10.00 Tuntas menulis:\n> Laporan Anda..."
    assert without_quoted_reply(text) == "Y, sudah beres"
    assert without_quoted_reply("Baik\n> kutipan\nterima kasih") == "Baik\nterima kasih"
