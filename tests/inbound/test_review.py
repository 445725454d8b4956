"""The staff page of messages that could not be handled: who sees what, and the two
actions (make a report, dismiss), both audited."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.conftest import client_for
from tests.inbound.payloads import COMPLAINT
from tests.staff.helpers import body
from tuntas.audit.models import AuditEvent
from tuntas.core.errors import Conflict, NotFound, ValidationFailed
from tuntas.inbound import review
from tuntas.inbound.models import InboundChannel, InboundMessage, InboundState
from tuntas.outbox.models import OutboxMessage
from tuntas.reference.models import Classification
from tuntas.reports.access_codes import verify_access_code
from tuntas.reports.models import Report, Status

URL = "/petugas/pesan-masuk/"


def kept(demo, pemda: str | None, text: str, *, channel=InboundChannel.WHATSAPP, n: int = 1):
    return InboundMessage.objects.create(
        channel=channel,
        provider_id=f"{pemda}-{n}",
        sender="6281234567890" if channel != InboundChannel.EMAIL else "siti@example.org",
        sender_name="Pak Darto",
        text=text,
        received_at=timezone.now(),
        state=InboundState.UNPARSEABLE,
        error="Jenis pesan WhatsApp \u201cimage\u201d belum dapat diproses.",
        pemda=demo.orgs[pemda] if pemda else None,
    )


@pytest.fixture
def inbox(routes):
    return {
        "kapuas": kept(routes, "kapuas", "Pesan Kapuas tentang jembatan"),
        "majalengka": kept(routes, "majalengka", "Pesan Majalengka tentang lampu"),
        "nowhere": kept(routes, None, "Pesan tanpa rute sama sekali"),
    }


def test_anonymous_is_sent_to_login_and_citizens_and_agencies_are_refused(inbox, routes):
    response = client_for(None).get(URL)
    assert response.status_code == 302 and "/akun/" in response["Location"]
    for username in ("warga", "kapuas.pupr.admin", "kapuas.pupr.staf"):
        assert client_for(routes.users[username]).get(URL).status_code == 403, username


def test_a_coordinator_sees_only_their_pemdas_messages(inbox, routes):
    html = body(client_for(routes.users["kapuas.koordinator"]).get(URL))
    assert "Pesan Kapuas tentang jembatan" in html
    assert "Majalengka" not in html and "tanpa rute" not in html
    assert "belum dapat diproses" in html and "6281234567890" in html
    message = inbox["kapuas"]
    assert f"{URL}{message.pk}/jadikan-laporan/" in html and f"{URL}{message.pk}/abaikan/" in html


def test_the_national_admin_sees_all_including_unrouted(inbox, routes):
    html = body(client_for(routes.users["nasional"]).get(URL))
    for text in ("jembatan", "lampu", "tanpa rute"):
        assert text in html
    assert "/jadikan-laporan/" not in html  # not a coordinator: dismiss only
    assert "/abaikan/" in html


def test_handled_messages_are_not_listed(inbox, routes):
    inbox["kapuas"].state = InboundState.DISMISSED
    inbox["kapuas"].save()
    html = body(client_for(routes.users["kapuas.koordinator"]).get(URL))
    assert "jembatan" not in html


def test_the_nav_link_shows_for_reviewers_only(inbox, routes):
    assert URL in body(client_for(routes.users["kapuas.koordinator"]).get("/petugas/"))
    assert URL not in body(client_for(routes.users["kapuas.pupr.admin"]).get("/petugas/"))


# ---------------------------------------------------------------- dismiss


def test_dismiss_with_a_reason_is_audited(inbox, routes):
    message = inbox["kapuas"]
    coordinator = routes.users["kapuas.koordinator"]
    response = client_for(coordinator).post(f"{URL}{message.pk}/abaikan/", {"reason": "Spam"})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == InboundState.DISMISSED
    assert (message.handled_by, message.handled_note) == (coordinator, "Spam")
    event = AuditEvent.objects.get(action="inbound_dismiss")
    assert event.actor == coordinator and event.reason == "Spam"
    assert event.organisation == routes.orgs["kapuas"]
    assert event.data["inbound_message"] == message.pk


def test_dismiss_without_a_reason_changes_nothing(inbox, routes):
    message = inbox["kapuas"]
    client = client_for(routes.users["kapuas.koordinator"])
    response = client.post(f"{URL}{message.pk}/abaikan/", {"reason": "  "})
    assert response.status_code == 400
    assert "Alasan diabaikan" in body(response)
    message.refresh_from_db()
    assert message.state == InboundState.UNPARSEABLE
    assert not AuditEvent.objects.filter(action="inbound_dismiss").exists()
    assert client.get(f"{URL}{message.pk}/abaikan/").status_code == 200


def test_another_pemdas_message_is_a_404(inbox, routes):
    client = client_for(routes.users["kapuas.koordinator"])
    for message in (inbox["majalengka"], inbox["nowhere"]):
        response = client.post(f"{URL}{message.pk}/abaikan/", {"reason": "Spam"})
        assert response.status_code == 404
        assert client.get(f"{URL}{message.pk}/jadikan-laporan/").status_code == 404
        message.refresh_from_db()
        assert message.state == InboundState.UNPARSEABLE
    with pytest.raises(NotFound):
        review.dismiss_message(
            inbox["majalengka"], actor=routes.users["kapuas.koordinator"], reason="x"
        )


def test_the_national_admin_may_dismiss_an_unrouted_message(inbox, routes):
    message = inbox["nowhere"]
    response = client_for(routes.users["nasional"]).post(
        f"{URL}{message.pk}/abaikan/", {"reason": "Pesan uji coba"}
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == InboundState.DISMISSED


def test_a_handled_message_cannot_be_handled_again(inbox, routes):
    coordinator = routes.users["kapuas.koordinator"]
    review.dismiss_message(inbox["kapuas"], actor=coordinator, reason="Spam")
    with pytest.raises(Conflict):
        review.dismiss_message(inbox["kapuas"], actor=coordinator, reason="Lagi")
    response = client_for(coordinator).post(
        f"{URL}{inbox['kapuas'].pk}/abaikan/", {"reason": "Lagi"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="inbound_dismiss").count() == 1
    with pytest.raises(ValidationFailed):
        review.dismiss_message(inbox["majalengka"], actor=coordinator, reason="")


# ---------------------------------------------------------------- make a report


def form(routes, **overrides):
    data = {
        "organisation": routes.orgs["kapuas"].pk,
        "classification": Classification.objects.get(code="complaint").pk,
        "title": "Jembatan kayu di Selat rapuh",
        "description": COMPLAINT,
        "reporter_name": "",
        "is_anonymous": "on",
        "is_confidential": "on",
    }
    data.update(overrides)
    return data


def test_the_form_is_prefilled_from_the_message(inbox, routes):
    message = inbox["kapuas"]
    html = body(
        client_for(routes.users["kapuas.koordinator"]).get(f"{URL}{message.pk}/jadikan-laporan/")
    )
    assert "Pesan Kapuas tentang jembatan" in html
    assert 'value="Pesan Kapuas tentang jembatan"' in html  # the title
    assert 'value="Pak Darto"' in html


def test_make_report_enters_verified_and_tells_the_sender(inbox, routes):
    message = inbox["kapuas"]
    coordinator = routes.users["kapuas.koordinator"]
    client = client_for(coordinator)
    response = client.post(f"{URL}{message.pk}/jadikan-laporan/", form(routes))
    assert response.status_code == 302 and response["Location"] == "/petugas/input/selesai/"
    report = Report.objects.get()
    assert report.status == Status.VERIFIED
    assert report.channel.code == "whatsapp"
    assert report.created_by == coordinator
    assert (report.reporter_phone, report.reporter_name) == ("6281234567890", "Pak Darto")
    assert report.is_anonymous and report.is_confidential
    message.refresh_from_db()
    assert (message.state, message.report, message.handled_by) == (
        InboundState.CREATED,
        report,
        coordinator,
    )
    event = AuditEvent.objects.get(action="inbound_make_report")
    assert event.actor == coordinator and event.data["report"] == report.tracking_id
    receipt = OutboxMessage.objects.get(event="inbound_receipt")
    assert receipt.address == "6281234567890" and report.tracking_id in receipt.body
    code = receipt.body.split("Kode akses: ")[1].split("\n")[0]
    assert verify_access_code(code, report.access_code_hash)
    done = body(client.get("/petugas/input/selesai/"))
    assert report.tracking_id in done and code in done


def test_make_report_with_bad_input_changes_nothing(inbox, routes):
    message = inbox["kapuas"]
    client = client_for(routes.users["kapuas.koordinator"])
    response = client.post(f"{URL}{message.pk}/jadikan-laporan/", form(routes, title="Hi"))
    assert response.status_code == 400
    response = client.post(
        f"{URL}{message.pk}/jadikan-laporan/",
        form(routes, organisation=routes.orgs["majalengka"].pk),
    )
    assert response.status_code == 400
    message.refresh_from_db()
    assert message.state == InboundState.UNPARSEABLE
    assert not Report.objects.exists()
    assert not AuditEvent.objects.filter(action="inbound_make_report").exists()


def test_only_coordinators_make_reports(inbox, routes):
    message = inbox["nowhere"]
    response = client_for(routes.users["nasional"]).post(
        f"{URL}{message.pk}/jadikan-laporan/", form(routes)
    )
    assert response.status_code == 403
    message.refresh_from_db()
    assert message.state == InboundState.UNPARSEABLE
    assert not Report.objects.exists()


def test_an_email_message_becomes_a_report_with_the_email_as_contact(routes):
    message = kept(routes, "kapuas", COMPLAINT, channel=InboundChannel.EMAIL, n=9)
    submitted = review.make_report_from_message(
        message,
        actor=routes.users["kapuas.koordinator"],
        fields=review.ReportFields(
            title="Jalan rusak di Selat",
            description=COMPLAINT,
            classification=Classification.objects.get(code="complaint"),
        ),
    )
    assert submitted.report.reporter_email == "siti@example.org"
    assert submitted.report.channel.code == "email"
    assert OutboxMessage.objects.get(event="inbound_receipt").address == "siti@example.org"
