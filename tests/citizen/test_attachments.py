from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.citizen import files
from tests.citizen.helpers import give_access_code, prove, url
from tests.conftest import client_for
from tests.reports.helpers import make_report, report_input
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Attachment, AttachmentKind, Status
from tuntas.reports.uploads import check_uploads


def submitted_with_photo(demo):
    data = report_input(demo, attachments=check_uploads([files.png("lubang.png")]))
    return actions.submit_report(data, actor=Actor.reporter(demo.users["warga"])).report


def download(client, report, attachment):
    return client.get(url("attachment", report, attachment.pk))


def test_the_reporter_downloads_their_own_evidence(demo):
    report = submitted_with_photo(demo)
    attachment = Attachment.objects.get(report=report)
    client = client_for(demo.users["warga"])
    page = client.get(url("report", report)).content.decode()
    assert url("attachment", report, attachment.pk) in page
    response = download(client, report, attachment)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    # A neutral name, never the uploaded one ("lubang.png" could have been "KTP_Siti.jpg").
    assert response["Content-Disposition"] == f'attachment; filename="{report.tracking_id}-1.png"'
    assert "lubang.png" not in page
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_a_proven_session_downloads_too(demo):
    report = submitted_with_photo(demo)
    give_access_code(report)
    client = client_for(None)
    prove(client, report)
    assert download(client, report, Attachment.objects.get(report=report)).status_code == 200


def test_others_cannot_download(demo):
    report = submitted_with_photo(demo)
    attachment = Attachment.objects.get(report=report)
    for client in (client_for(None), client_for(demo.users["warga2"])):
        assert download(client, report, attachment).status_code == 404


def test_an_attachment_of_another_report_is_not_served_through_this_one(demo):
    mine = make_report(demo, Status.SUBMITTED)
    other = actions.submit_report(
        report_input(demo, attachments=check_uploads([files.pdf()]), reporter_email="x@y.id"),
        actor=Actor.reporter(None),
    ).report
    foreign = Attachment.objects.get(report=other)
    assert download(client_for(demo.users["warga"]), mine, foreign).status_code == 404


def test_field_photos_berita_acara_and_unpublished_drafts_are_hidden(demo):
    report = make_report(demo, Status.IN_DIVISION)
    staff = Actor(user=demo.users["kapuas.pupr.staf"])
    actions.record_field_check(
        report,
        actor=staff,
        visited_on=timezone.localdate() - timedelta(days=1),
        location="Depan SDN 1 Selat",
        findings="Lubang 1 m, kedalaman 20 cm.",
        conclusion="Ditambal minggu ini.",
        ba_number="BA/001/2025",
        photos=check_uploads([files.jpeg("rumah-pelapor.jpg")]),
        official_record=check_uploads([files.pdf("ba.pdf")]),
    )
    actions.submit_draft(
        report,
        actor=staff,
        body="Jalan sudah ditambal oleh Bidang Bina Marga.",
        attachments=check_uploads([files.png("hasil.png")]),
    )
    client = client_for(demo.users["warga"])
    hidden = Attachment.objects.filter(report=report)
    assert {a.kind for a in hidden} == {
        AttachmentKind.FIELD_PHOTO,
        AttachmentKind.OFFICIAL_RECORD,
        AttachmentKind.FOLLOWUP,
    }
    page = client.get(url("report", report)).content.decode()
    for attachment in hidden:
        assert attachment.original_name not in page
        assert download(client, report, attachment).status_code == 404

    actions.approve_draft(report, actor=Actor(user=demo.users["kapuas.pupr.kadis"]))
    actions.publish_followup(report, actor=Actor(user=demo.users["kapuas.pupr.admin"]))
    published = Attachment.objects.get(report=report, kind=AttachmentKind.FOLLOWUP)
    page = client.get(url("report", report)).content.decode()
    assert published.original_name in page
    assert download(client, report, published).status_code == 200
    for attachment in hidden.exclude(kind=AttachmentKind.FOLLOWUP):
        assert attachment.original_name not in page
        assert download(client, report, attachment).status_code == 404
