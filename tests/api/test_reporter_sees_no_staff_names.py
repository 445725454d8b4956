"""The reporter API names organisations, never staff members (security issue, finding 5)."""

from __future__ import annotations

from tests.reports.helpers import make_report
from tuntas.demo.builder import PEOPLE
from tuntas.reports.models import Status

STAFF_NAMES = [name for _username, name, role, _org in PEOPLE if role is not None]


def test_a_question_from_the_agency_is_signed_by_the_agency(demo, api_as):
    report = make_report(demo, Status.AWAITING_CLARIFICATION)  # asked by kapuas.pupr.staf
    body = api_as("warga").get(f"/api/reports/{report.tracking_id}/").json()
    assert [(m["kind"], m["author"]) for m in body["messages"]] == [
        ("clarification_request", "Petugas Dinas PUPR Kapuas")
    ]
    for name in STAFF_NAMES:
        assert name not in str(body), name


def test_a_request_for_data_is_signed_by_the_pemda(demo, api_as):
    report = make_report(demo, Status.ON_HOLD)  # held by kapuas.koordinator
    body = api_as("warga").get(f"/api/reports/{report.tracking_id}/").json()
    assert [(m["kind"], m["author"]) for m in body["messages"]] == [
        ("completion_request", "Petugas Kab. Kapuas")
    ]
    assert "Dewi Admin Utama Kapuas" not in str(body)


def test_staff_still_see_who_asked(demo, api_as):
    report = make_report(demo, Status.AWAITING_CLARIFICATION)
    body = api_as("kapuas.pupr.kadis").get(f"/api/staff/reports/{report.tracking_id}/").json()
    assert [m["author"] for m in body["messages"]] == ["Rudi Staf Bidang Bina Marga"]
