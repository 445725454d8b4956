"""Every display of a reporter's identity to staff is recorded: who, whose, when, where
(the staff page, the staff API, the full-record export), one row per view, none when the
identity is hidden, and never on a report's timelines."""

from __future__ import annotations

from tests.conftest import client_for
from tests.reports.helpers import make_report
from tests.staff.helpers import report_url
from tuntas.audit.models import AuditEvent, IdentitySurface, IdentityView
from tuntas.demo.builder import Demo
from tuntas.reports.models import Report, Status

NAME = "Siti Rahmawati"


def views_of(report: Report) -> list[tuple[str, str]]:
    return [
        (v.viewer.username, v.surface)
        for v in IdentityView.objects.filter(report=report).select_related("viewer")
    ]


def test_the_coordinator_seeing_an_anonim_reporter_is_recorded_once_per_view(demo: Demo) -> None:
    report = make_report(demo, Status.IN_DIVISION)
    events_before = AuditEvent.objects.filter(report=report).count()
    coordinator = client_for(demo.users["kapuas.koordinator"])
    page = coordinator.get(report_url(report))
    assert page.status_code == 200 and NAME in page.content.decode()
    api = coordinator.get(f"/api/staff/reports/{report.tracking_id}/")
    assert api.status_code == 200 and api.json()["reporter"]["name"] == NAME
    export = coordinator.get(f"/petugas/ekspor/laporan/{report.tracking_id}.csv")
    assert export.status_code == 200
    assert views_of(report) == [
        ("kapuas.koordinator", IdentitySurface.PAGE),
        ("kapuas.koordinator", IdentitySurface.API),
        ("kapuas.koordinator", IdentitySurface.EXPORT),
    ]
    row = IdentityView.objects.filter(report=report).first()
    assert row is not None and row.subject == demo.users["warga"]
    assert "coordinator" in row.capacities
    # Accountability records, not timeline entries: the report's events are unchanged.
    assert AuditEvent.objects.filter(report=report).count() == events_before


def test_nothing_is_recorded_when_the_identity_stays_hidden(demo: Demo) -> None:
    report = make_report(demo, Status.IN_DIVISION)
    assert report.is_anonymous
    agency = client_for(demo.users["kapuas.pupr.kadis"])
    page = agency.get(report_url(report))
    assert page.status_code == 200 and NAME not in page.content.decode()
    assert agency.get(f"/api/staff/reports/{report.tracking_id}/").status_code == 200
    assert views_of(report) == []


def test_an_agency_seeing_a_reporter_who_is_not_anonim_is_recorded(demo: Demo) -> None:
    report = make_report(demo, Status.IN_DIVISION)
    Report.objects.filter(pk=report.pk).update(is_anonymous=False)
    page = client_for(demo.users["kapuas.pupr.kadis"]).get(report_url(report))
    assert NAME in page.content.decode()
    assert views_of(report) == [("kapuas.pupr.kadis", IdentitySurface.PAGE)]


def test_staff_of_another_pemda_see_nothing_and_nothing_is_recorded(demo: Demo) -> None:
    report = make_report(demo, Status.IN_DIVISION)
    other = client_for(demo.users["majalengka.koordinator"])
    assert other.get(report_url(report)).status_code == 404
    assert other.get(f"/api/staff/reports/{report.tracking_id}/").status_code == 404
    assert views_of(report) == []


def test_the_reporter_reading_their_own_report_is_not_a_disclosure(demo: Demo) -> None:
    report = make_report(demo, Status.IN_DIVISION)
    mine = client_for(demo.users["warga"]).get(f"/laporan/{report.tracking_id}/")
    assert mine.status_code == 200
    assert views_of(report) == []
