from __future__ import annotations

import re

import pytest

from tests.citizen import files
from tests.citizen.helpers import give_access_code, prove, url
from tests.conftest import client_for
from tests.reports.helpers import make_report
from tuntas.audit.models import AuditEvent
from tuntas.reports.models import (
    Attachment,
    AttachmentKind,
    Feedback,
    Message,
    MessageKind,
    Report,
    Status,
)

STAFF_NAMES = ("Dewi", "Agus", "Yanti", "Hendra", "Rudi")


def normalised(content: bytes, tracking_id: str) -> str:
    """A page without what legitimately differs: the path and the per-request CSRF mask."""
    html = content.decode().replace(tracking_id, "ID")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def status_of(report: Report) -> str:
    report.refresh_from_db()
    return report.status


# ---------------------------------------------------------------- who may see it


def test_the_reporter_sees_their_report(demo):
    report = make_report(demo, Status.SUBMITTED)
    response = client_for(demo.users["warga"]).get(url("report", report))
    assert response.status_code == 200
    html = response.content.decode()
    assert report.tracking_id in html
    assert "Menunggu verifikasi" in html
    assert "Laporan dikirim" in html  # the timeline


@pytest.mark.parametrize("who", [None, "warga2", "kapuas.koordinator", "kapuas.pupr.staf"])
def test_anyone_else_gets_the_same_404_as_for_a_missing_report(demo, who):
    report = make_report(demo, Status.IN_DIVISION)
    client = client_for(demo.users[who] if who else None)
    theirs = client.get(url("report", report))
    missing = client.get("/laporan/LPR-0000-NOPE00/")
    assert theirs.status_code == missing.status_code == 404
    assert normalised(theirs.content, report.tracking_id) == normalised(
        missing.content, "LPR-0000-NOPE00"
    )


def test_a_proven_session_sees_the_report_without_an_account(demo):
    report = make_report(demo, Status.SUBMITTED)
    give_access_code(report)
    client = client_for(None)
    prove(client, report)
    assert client.get(url("report", report)).status_code == 200
    # ... but only that one.
    other = make_report(demo, Status.SUBMITTED)
    assert client.get(url("report", other)).status_code == 404


def test_the_timeline_hides_staff_events_and_staff_names(demo):
    report = make_report(demo, Status.FOLLOWED_UP)
    response = client_for(demo.users["warga"]).get(url("report", report))
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("Laporan dikirim", "Verifikasi", "Disposisi ke OPD", "Sampaikan tindak lanjut"):
        assert label in html
    for staff_only in ("Ajukan rumusan tindak lanjut", "Setujui rumusan", "Disposisi ke bidang"):
        assert staff_only not in html
    for name in STAFF_NAMES:
        assert name not in html
    assert "Petugas Dinas PUPR Kapuas" in html
    assert "Jalan telah ditambal" in html  # the published follow-up
    assert "WIB" in html
    labels = [entry.label for entry in response.context["timeline"]]
    assert "Ajukan rumusan tindak lanjut" not in labels


def test_no_action_forms_while_staff_are_working(demo):
    report = make_report(demo, Status.IN_DIVISION)
    response = client_for(demo.users["warga"]).get(url("report", report))
    assert response.context["forms"] == {}
    assert "Yang perlu Anda lakukan" not in response.content.decode()


# ---------------------------------------------------------------- reply Y / T


def test_reply_satisfied_closes_the_report(demo):
    report = make_report(demo, Status.FOLLOWED_UP)
    client = client_for(demo.users["warga"])
    page = client.get(url("report", report))
    assert "reply" in page.context["forms"]
    response = client.post(url("reply", report), {"answer": "Y", "rating": "5", "comment": "Cepat"})
    assert response.status_code == 302
    assert status_of(report) == Status.CLOSED
    feedback = Feedback.objects.get(report=report)
    assert feedback.satisfied and feedback.rating == 5 and feedback.comment == "Cepat"
    event = AuditEvent.objects.filter(report=report, action="reply_satisfied").get()
    assert event.actor == demo.users["warga"]


def test_reply_not_satisfied_returns_the_report_to_the_division(demo):
    report = make_report(demo, Status.FOLLOWED_UP)
    response = client_for(demo.users["warga"]).post(
        url("reply", report), {"answer": "T", "rating": "", "comment": "Masih berlubang."}
    )
    assert response.status_code == 302
    assert status_of(report) == Status.IN_DIVISION
    assert not Feedback.objects.get(report=report).satisfied


def test_not_satisfied_without_a_comment_is_refused(demo):
    report = make_report(demo, Status.FOLLOWED_UP)
    response = client_for(demo.users["warga"]).post(
        url("reply", report), {"answer": "T", "comment": "  "}
    )
    assert response.status_code == 400
    assert "comment" in response.context["forms"]["reply"].errors
    assert status_of(report) == Status.FOLLOWED_UP
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "data", [{"answer": "X"}, {}, {"answer": "Y", "rating": "9"}], ids=["bad", "none", "rating"]
)
def test_a_malformed_reply_is_refused(demo, data):
    report = make_report(demo, Status.FOLLOWED_UP)
    response = client_for(demo.users["warga"]).post(url("reply", report), data)
    assert response.status_code == 400
    assert status_of(report) == Status.FOLLOWED_UP


def test_a_reply_when_none_is_expected_is_a_conflict(demo):
    report = make_report(demo, Status.IN_DIVISION)
    response = client_for(demo.users["warga"]).post(url("reply", report), {"answer": "Y"})
    assert response.status_code == 409
    assert "tidak dapat dilakukan" in response.content.decode()
    assert status_of(report) == Status.IN_DIVISION
    assert not Feedback.objects.exists()


def test_a_reply_by_access_code_is_recorded_without_an_account(demo):
    report = make_report(demo, Status.FOLLOWED_UP)
    give_access_code(report)
    client = client_for(None)
    prove(client, report)
    response = client.post(url("reply", report), {"answer": "Y", "rating": "4"})
    assert response.status_code == 302
    assert status_of(report) == Status.CLOSED
    event = AuditEvent.objects.get(report=report, action="reply_satisfied")
    assert event.actor is None
    assert event.data["capacity"] == "reporter"


@pytest.mark.parametrize("who", [None, "warga2", "kapuas.koordinator"])
def test_others_cannot_reply(demo, who):
    report = make_report(demo, Status.FOLLOWED_UP)
    client = client_for(demo.users[who] if who else None)
    response = client.post(url("reply", report), {"answer": "Y"})
    assert response.status_code == 404
    assert status_of(report) == Status.FOLLOWED_UP


# ---------------------------------------------------------------- complete data


def test_the_reporter_completes_data_with_attachments(demo):
    report = make_report(demo, Status.ON_HOLD)
    client = client_for(demo.users["warga"])
    page = client.get(url("report", report))
    html = page.content.decode()
    assert "Foto lokasi" in html  # what the coordinator asked for
    assert "complete" in page.context["forms"]
    response = client.post(
        url("complete", report),
        {"details": "Lokasi tepat di depan gerbang sekolah.", "attachments": [files.png()]},
    )
    assert response.status_code == 302
    assert status_of(report) == Status.SUBMITTED
    message = Message.objects.get(report=report, kind=MessageKind.COMPLETION)
    assert message.body == "Lokasi tepat di depan gerbang sekolah."
    assert Attachment.objects.get(report=report).kind == AttachmentKind.COMPLETION


def test_completing_by_access_code_works(demo):
    report = make_report(demo, Status.ON_HOLD)
    give_access_code(report)
    client = client_for(None)
    prove(client, report)
    response = client.post(url("complete", report), {"details": "Fotonya menyusul."})
    assert response.status_code == 302
    assert status_of(report) == Status.SUBMITTED


def test_empty_completion_is_refused(demo):
    report = make_report(demo, Status.ON_HOLD)
    response = client_for(demo.users["warga"]).post(url("complete", report), {"details": ""})
    assert response.status_code == 400
    assert status_of(report) == Status.ON_HOLD
    assert not Message.objects.filter(kind=MessageKind.COMPLETION).exists()


def test_a_disguised_completion_file_is_refused(demo):
    report = make_report(demo, Status.ON_HOLD)
    response = client_for(demo.users["warga"]).post(
        url("complete", report), {"details": "Ini fotonya.", "attachments": [files.disguised_pdf()]}
    )
    assert response.status_code == 400
    assert "attachments" in response.context["forms"]["complete"].errors
    assert status_of(report) == Status.ON_HOLD
    assert not Attachment.objects.exists()
    assert not Message.objects.filter(kind=MessageKind.COMPLETION).exists()


def test_completing_a_report_that_is_not_on_hold_is_a_conflict(demo):
    report = make_report(demo, Status.SUBMITTED)
    response = client_for(demo.users["warga"]).post(url("complete", report), {"details": "Data"})
    assert response.status_code == 409
    assert status_of(report) == Status.SUBMITTED


# ---------------------------------------------------------------- clarification


def test_the_reporter_answers_a_clarification_request(demo):
    report = make_report(demo, Status.AWAITING_CLARIFICATION)
    client = client_for(demo.users["warga"])
    page = client.get(url("report", report))
    assert "Di nomor rumah berapa tepatnya?" in page.content.decode()
    assert "clarify" in page.context["forms"]
    response = client.post(url("clarify", report), {"answer": "Nomor 12, pagar hijau."})
    assert response.status_code == 302
    assert status_of(report) == Status.IN_DIVISION
    assert Message.objects.get(report=report, kind=MessageKind.CLARIFICATION).body == (
        "Nomor 12, pagar hijau."
    )
    html = client.get(url("report", report)).content.decode()
    assert "Nomor 12, pagar hijau." in html


def test_an_empty_clarification_is_refused(demo):
    report = make_report(demo, Status.AWAITING_CLARIFICATION)
    response = client_for(demo.users["warga"]).post(url("clarify", report), {"answer": " "})
    assert response.status_code == 400
    assert status_of(report) == Status.AWAITING_CLARIFICATION


def test_get_on_an_action_url_is_not_allowed(demo):
    report = make_report(demo, Status.AWAITING_CLARIFICATION)
    response = client_for(demo.users["warga"]).get(url("clarify", report))
    assert response.status_code == 405
