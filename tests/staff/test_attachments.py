"""Evidence, field-check and follow-up files are served to staff who can see the report."""

from __future__ import annotations

from tests.conftest import client_for
from tests.reports.helpers import make_report, report_input
from tests.staff.helpers import png
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Attachment, Status
from tuntas.reports.uploads import check_uploads


def _report_with_photo(demo):
    data = report_input(demo, attachments=check_uploads([png("lubang.png")]))
    report = actions.submit_report(data, actor=Actor.reporter(demo.users["warga"])).report
    return report, report.attachments.get()


def _url(report, attachment):
    return f"/petugas/laporan/{report.tracking_id}/lampiran/{attachment.pk}/"


def test_coordinator_downloads_evidence_as_attachment_with_nosniff(demo):
    report, photo = _report_with_photo(demo)
    response = client_for(demo.users["kapuas.koordinator"]).get(_url(report, photo))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment")
    # The agency sees a neutral name, never the one the reporter's file had.
    assert f'filename="{report.tracking_id}-1.png"' in response["Content-Disposition"]
    assert "lubang" not in response["Content-Disposition"]
    assert response.getvalue().startswith(b"\x89PNG")


def test_agency_staff_see_evidence_of_an_anonymous_report(demo):
    report, photo = _report_with_photo(demo)
    actions.verify_report(report, actor=Actor(user=demo.users["kapuas.koordinator"]))
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        agencies=[demo.orgs["kapuas-pupr"]],
        lead=demo.orgs["kapuas-pupr"],
    )
    report.refresh_from_db()
    assert report.is_anonymous
    page = client_for(demo.users["kapuas.pupr.penghubung"]).get(
        f"/petugas/laporan/{report.tracking_id}/"
    )
    assert _url(report, photo) in page.content.decode()
    response = client_for(demo.users["kapuas.pupr.penghubung"]).get(_url(report, photo))
    assert response.status_code == 200


def test_attachment_outside_scope_is_404(demo):
    report, photo = _report_with_photo(demo)
    assert (
        client_for(demo.users["majalengka.koordinator"]).get(_url(report, photo)).status_code == 404
    )
    # Not yet disposed: the agency does not see the report or its files.
    assert (
        client_for(demo.users["kapuas.pupr.penghubung"]).get(_url(report, photo)).status_code == 404
    )


def test_attachment_of_another_report_is_404(demo):
    _report, photo = _report_with_photo(demo)
    other = make_report(demo, Status.SUBMITTED)
    url = f"/petugas/laporan/{other.tracking_id}/lampiran/{photo.pk}/"
    assert client_for(demo.users["kapuas.koordinator"]).get(url).status_code == 404


def test_citizen_gets_403_even_for_their_own_attachment(demo):
    report, photo = _report_with_photo(demo)
    assert client_for(demo.users["warga"]).get(_url(report, photo)).status_code == 403


def test_field_check_photo_is_listed_and_served(demo):
    report = make_report(demo, Status.IN_DIVISION)
    check = actions.record_field_check(
        report,
        actor=Actor(user=demo.users["kapuas.pupr.staf"]),
        visited_on=report.created_at.date(),
        location="Jl. Tambun Bungai",
        findings="Lubang 1 m",
        conclusion="Ditambal",
        ba_number="BA-01",
        photos=check_uploads([png("lapangan.png")]),
    )
    photo = Attachment.objects.get(field_check=check)
    page = client_for(demo.users["kapuas.pupr.kadis"]).get(
        f"/petugas/laporan/{report.tracking_id}/"
    )
    html = page.content.decode()
    assert "BA-01" in html and _url(report, photo) in html
    assert client_for(demo.users["kapuas.pupr.kadis"]).get(_url(report, photo)).status_code == 200
