"""What a received message becomes: a new report, a reply on the sender's report, or a
message kept for the staff with its reason. Processing twice changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.inbound.payloads import (
    COMPLAINT,
    email_bytes,
    sms_payload,
    whatsapp_payload,
)
from tests.reports.helpers import make_report, report_input
from tests.staff.helpers import state
from tuntas.inbound import services
from tuntas.inbound.models import InboundMessage, InboundState
from tuntas.inbound.parsing import Parsed, parse_email, parse_sms, parse_whatsapp, raw_text
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.reports import actions
from tuntas.reports.access_codes import verify_access_code
from tuntas.reports.actions import Actor
from tuntas.reports.models import Feedback, Message, MessageKind, Report, Status

PHONE = "6281234567890"
OTHER_PHONE = "6289999999999"


def receive(parsed: list[Parsed] | Parsed, raw: bytes = b"raw") -> InboundMessage:
    items = parsed if isinstance(parsed, list) else [parsed]
    ids = services.store_messages(items, raw=raw_text(raw))
    services.process_stored(ids)
    return InboundMessage.objects.get(pk=ids[0])


def wa(text: str, sender: str = PHONE, message_id: str = "wamid.1") -> InboundMessage:
    [parsed] = parse_whatsapp(whatsapp_payload(text, sender=sender, message_id=message_id))
    return receive(parsed)


def sms(text: str, sender: str = PHONE, **kwargs: Any) -> InboundMessage:
    return receive(parse_sms(sms_payload(text, sender=sender, **kwargs), "application/json"))


def mail(body: str, **kwargs: Any) -> InboundMessage:
    return receive(parse_email(email_bytes(body, **kwargs)))


@pytest.fixture
def warga_phone(routes):
    user = routes.users["warga"]
    user.phone = "0812-3456-7890"
    user.save(update_fields=["phone"])
    return routes


# ---------------------------------------------------------------- new reports


def _receipt(report: Report) -> OutboxMessage:
    [receipt] = OutboxMessage.objects.filter(event="inbound_receipt", report=report)
    return receipt


def _access_code(body: str) -> str:
    line = next(line for line in body.splitlines() if line.startswith("Kode akses: "))
    return line.removeprefix("Kode akses: ")


def test_whatsapp_message_becomes_a_safe_report_and_the_sender_gets_the_codes(routes):
    message = wa(COMPLAINT)
    assert message.state == InboundState.CREATED
    report = message.report
    assert report is not None
    assert report.status == Status.SUBMITTED
    assert report.channel.code == "whatsapp"
    assert report.classification.code == "complaint"
    assert report.pemda == routes.orgs["kapuas"]
    assert report.title == "Jalan rusak parah di depan SDN 2 Selat"
    assert report.description == COMPLAINT
    assert report.reporter is None
    assert (report.reporter_phone, report.reporter_name) == (PHONE, "Pak Darto")
    assert report.is_anonymous and report.is_confidential
    receipt = _receipt(report)
    assert (receipt.channel, receipt.address) == (DeliveryChannel.WHATSAPP, PHONE)
    assert report.tracking_id in receipt.body
    assert verify_access_code(_access_code(receipt.body), report.access_code_hash)
    assert message.processed_at is not None


def test_sms_and_email_receipts_go_back_on_their_own_channel(routes):
    report = sms(COMPLAINT, sender="0812 3456 7890").report
    assert report is not None and report.channel.code == "sms"
    assert (_receipt(report).channel, _receipt(report).address) == (DeliveryChannel.SMS, PHONE)
    report = mail(COMPLAINT, subject="Re: Jalan rusak di Selat").report
    assert report is not None and report.channel.code == "email"
    assert report.title == "Jalan rusak di Selat"  # the subject, without "Re:"
    assert report.reporter_email == "siti.warga@example.org"
    receipt = _receipt(report)
    assert (receipt.channel, receipt.address) == (DeliveryChannel.EMAIL, "siti.warga@example.org")
    assert report.tracking_id in receipt.subject


def test_a_long_first_line_is_trimmed_to_the_title_limit(routes):
    report = wa("Jalan " * 60).report
    assert report is not None
    assert len(report.title) == 200 and report.title.endswith("…")


def test_sms_keyword_routes_to_its_pemda_and_is_removed(routes):
    message = sms(f"MJL {COMPLAINT}", to="6285700000000")
    assert message.state == InboundState.CREATED
    assert message.report is not None
    assert message.report.pemda == routes.orgs["majalengka"]
    assert message.report.description == COMPLAINT


def test_without_a_route_the_message_is_kept(routes):
    message = sms(COMPLAINT, to="6285700000000")
    assert message.state == InboundState.UNPARSEABLE
    assert "Tidak ada rute" in message.error and "6285700000000" in message.error
    assert message.pemda is None
    assert not Report.objects.exists()


def test_inactive_routes_do_not_count(routes):
    from tuntas.inbound.models import InboundRoute

    InboundRoute.objects.update(is_active=False)
    assert wa(COMPLAINT).state == InboundState.UNPARSEABLE


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("   ", "Pesan kosong."),
        ("Jalan rusak", "Isi laporan minimal 20 karakter"),
        ("Halo", "Judul minimal 5 karakter"),
    ],
)
def test_messages_the_intake_refuses_are_kept_with_the_reason(routes, text, reason):
    message = wa(text)
    assert message.state == InboundState.UNPARSEABLE
    assert reason in message.error
    assert message.pemda == routes.orgs["kapuas"]
    assert not Report.objects.exists()
    assert not OutboxMessage.objects.filter(event="inbound_receipt").exists()


def test_a_missing_default_classification_is_kept_with_the_reason(routes, settings):
    settings.TUNTAS_INBOUND_CLASSIFICATION = "no-such-code"
    message = wa(COMPLAINT)
    assert message.state == InboundState.UNPARSEABLE
    assert "no-such-code" in message.error


def test_an_unknown_sender_is_kept(routes):
    message = wa(COMPLAINT, sender="abc")
    assert message.state == InboundState.UNPARSEABLE
    assert message.error == "Pengirim tidak dikenali."


# ---------------------------------------------------------------- replies on a report


def test_y_closes_a_followed_up_report(warga_phone):
    report = make_report(warga_phone, Status.FOLLOWED_UP)
    message = wa(f"{report.tracking_id.lower()} Y, terima kasih sudah diperbaiki")
    assert message.state == InboundState.ATTACHED
    assert message.report == report
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    feedback = Feedback.objects.get(report=report)
    assert feedback.satisfied and feedback.comment == "terima kasih sudah diperbaiki"


def test_t_sends_it_back_to_the_agency_with_the_comment(warga_phone):
    report = make_report(warga_phone, Status.FOLLOWED_UP)
    wa(f"Laporan {report.tracking_id}: TIDAK. Lubangnya masih ada")
    report.refresh_from_db()
    assert report.status == Status.IN_DIVISION
    feedback = Feedback.objects.get(report=report)
    assert not feedback.satisfied and feedback.comment == "Lubangnya masih ada"


def test_t_without_a_reason_is_kept_with_the_actions_error(warga_phone):
    report = make_report(warga_phone, Status.FOLLOWED_UP)
    before = state(report)
    message = wa(f"{report.tracking_id} T")
    assert message.state == InboundState.UNPARSEABLE
    assert "Jelaskan mengapa Anda belum puas." in message.error
    assert state(report) == before


def test_other_text_on_a_followed_up_report_is_a_message(warga_phone):
    report = make_report(warga_phone, Status.FOLLOWED_UP)
    wa(f"{report.tracking_id} Yang diperbaiki baru sebagian")
    report.refresh_from_db()
    assert report.status == Status.FOLLOWED_UP
    reply = Message.objects.get(report=report, kind=MessageKind.REPLY)
    assert reply.body == f"{report.tracking_id} Yang diperbaiki baru sebagian"


def test_email_reply_by_the_account_email_with_the_id_in_the_subject(routes):
    report = make_report(routes, Status.FOLLOWED_UP)
    body = "Ya, sudah beres.\n\nPada Sen, 3 Nov 2025 Tuntas menulis:\n> Tidak ..."
    message = mail(
        body,
        sender="Siti <WARGA@demo.tuntas.invalid>",
        subject=f"Re: [{report.tracking_id}] Tindak lanjut",
    )
    assert message.state == InboundState.ATTACHED
    report.refresh_from_db()
    assert report.status == Status.CLOSED


def test_on_hold_reply_completes_the_data(warga_phone):
    report = make_report(warga_phone, Status.ON_HOLD)
    wa(f"{report.tracking_id} Lokasinya di depan rumah nomor 12, foto menyusul")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert Message.objects.filter(report=report, kind=MessageKind.COMPLETION).exists()


def test_clarification_reply_answers_the_agency(warga_phone):
    report = make_report(warga_phone, Status.AWAITING_CLARIFICATION)
    sms(f"{report.tracking_id} Rumah nomor 12, RT 03", sender="+62 812 3456 7890")
    report.refresh_from_db()
    assert report.status == Status.IN_DIVISION
    clarification = Message.objects.get(report=report, kind=MessageKind.CLARIFICATION)
    assert "RT 03" in clarification.body


def test_in_other_statuses_it_is_a_message_and_the_status_stays(warga_phone):
    report = make_report(warga_phone, Status.VERIFIED)
    message = wa(f"{report.tracking_id} Apakah sudah ada petugas yang meninjau?")
    assert message.state == InboundState.ATTACHED
    report.refresh_from_db()
    assert report.status == Status.VERIFIED
    assert Message.objects.filter(report=report, kind=MessageKind.REPLY).count() == 1
    assert report.events.filter(action="reporter_message", data__channel="whatsapp").exists()


def test_a_report_filed_without_an_account_matches_its_contact_phone(routes):
    submitted = actions.submit_report(
        report_input(routes, reporter_phone="0812 3456 7890"), actor=Actor.reporter(None)
    )
    message = sms(f"{submitted.report.tracking_id} Mohon kabar terbaru")
    assert message.state == InboundState.ATTACHED
    assert message.pemda == routes.orgs["kapuas"]


def test_a_sender_who_is_not_the_reporter_changes_nothing(warga_phone):
    report = make_report(warga_phone, Status.FOLLOWED_UP)
    before = state(report)
    message = wa(f"{report.tracking_id} Y", sender=OTHER_PHONE)
    assert message.state == InboundState.UNPARSEABLE
    assert message.error == f"Pengirim tidak cocok dengan pelapor laporan {report.tracking_id}."
    assert message.report is None
    assert state(report) == before
    assert not Feedback.objects.filter(report=report).exists()
    assert not OutboxMessage.objects.filter(address=OTHER_PHONE).exists()


def test_an_account_without_a_phone_never_matches(routes):
    report = make_report(routes, Status.FOLLOWED_UP)  # warga has no phone
    assert wa(f"{report.tracking_id} Y").state == InboundState.UNPARSEABLE


def test_a_closed_report_is_not_touched(warga_phone):
    report = make_report(warga_phone, Status.CLOSED)
    before = state(report)
    message = wa(f"{report.tracking_id} T masih rusak")
    assert message.state == InboundState.UNPARSEABLE
    assert "sudah selesai" in message.error
    assert state(report) == before


def test_an_unknown_tracking_id_is_kept(routes):
    message = wa(f"LPR-2601-ABCDEF {COMPLAINT}")
    assert message.state == InboundState.UNPARSEABLE
    assert message.error == "Nomor pelacakan LPR-2601-ABCDEF tidak ditemukan."
    assert not Report.objects.exists()


# ---------------------------------------------------------------- idempotency and safety net


def test_processing_twice_does_nothing_the_second_time(warga_phone):
    report = make_report(warga_phone, Status.VERIFIED)
    message = wa(f"{report.tracking_id} Mohon segera ditinjau")
    assert message.state == InboundState.ATTACHED
    counts = (Message.objects.count(), Report.objects.count(), OutboxMessage.objects.count())
    again = services.process_message(message.pk)
    assert again is not None and again.state == InboundState.ATTACHED
    assert (Message.objects.count(), Report.objects.count(), OutboxMessage.objects.count()) == (
        counts
    )
    created = wa(COMPLAINT, message_id="wamid.2")
    services.process_message(created.pk)
    assert Report.objects.count() == counts[1] + 1
    assert OutboxMessage.objects.filter(event="inbound_receipt").count() == 1


def test_the_periodic_task_picks_up_what_was_left_received(routes):
    [parsed] = parse_whatsapp(whatsapp_payload())
    now = timezone.now()
    [pk] = services.store_messages([parsed], raw="{}", now=now)
    assert InboundMessage.objects.get(pk=pk).state == InboundState.RECEIVED
    assert services.process_pending(now=now) == 0  # too fresh: the inline call has it
    assert services.process_pending(now=now + timedelta(minutes=2)) == 1
    assert InboundMessage.objects.get(pk=pk).state == InboundState.CREATED
    assert services.process_pending(now=now + timedelta(minutes=3)) == 0


def test_repeated_failures_end_as_unparseable(routes, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(services, "_decide", boom)
    [parsed] = parse_whatsapp(whatsapp_payload())
    [pk] = services.store_messages([parsed], raw="{}")
    for _ in range(services.MAX_ATTEMPTS - 1):
        assert services.process_message(pk) is None
        assert InboundMessage.objects.get(pk=pk).state == InboundState.RECEIVED
    services.process_message(pk)
    message = InboundMessage.objects.get(pk=pk)
    assert message.state == InboundState.UNPARSEABLE
    assert message.attempts == services.MAX_ATTEMPTS
    assert "bug" in message.error
