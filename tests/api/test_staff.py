"""Staff lists, the full report view and intake from outside channels."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.api.helpers import assert_error, png, snapshot
from tests.reports.helpers import make_report, report_input
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Attachment, Report, Status


def _ids(response):
    return [r["tracking_id"] for r in response.json()["results"]]


def test_the_list_filters_by_status_pemda_and_agency(demo, api_as):
    submitted = make_report(demo, Status.SUBMITTED)
    disposed = make_report(demo, Status.DISPOSED)
    coordinator = api_as("kapuas.koordinator")
    assert set(_ids(coordinator.get("/api/staff/reports/"))) == {
        submitted.tracking_id,
        disposed.tracking_id,
    }
    assert _ids(coordinator.get("/api/staff/reports/?status=submitted")) == [submitted.tracking_id]
    assert _ids(coordinator.get("/api/staff/reports/?agency=kapuas-pupr")) == [disposed.tracking_id]
    assert _ids(coordinator.get("/api/staff/reports/?pemda=majalengka")) == []


def test_the_list_is_paginated_with_limit_and_offset(demo, api_as):
    for _ in range(3):
        make_report(demo, Status.SUBMITTED)
    body = api_as("kapuas.koordinator").get("/api/staff/reports/?limit=2&offset=1").json()
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["previous"] is not None


def test_overdue_shows_reports_past_a_deadline(demo, api_as):
    late = make_report(demo, Status.SUBMITTED, now=timezone.now() - timedelta(days=30))
    fresh = make_report(demo, Status.SUBMITTED)
    coordinator = api_as("kapuas.koordinator")
    assert _ids(coordinator.get("/api/staff/reports/?overdue=true")) == [late.tracking_id]
    assert _ids(coordinator.get("/api/staff/reports/?overdue=false")) == [fresh.tracking_id]
    row = coordinator.get("/api/staff/reports/?overdue=true").json()["results"][0]
    assert row["is_overdue"] is True and row["next_due_at"] is not None


def test_bad_filters_are_400(demo, api_as):
    error = assert_error(
        api_as("kapuas.koordinator").get("/api/staff/reports/?status=lost&overdue=maybe"), 400
    )
    assert set(error["fields"]) == {"status", "overdue"}
    assert error["fields"]["overdue"] == ["Harus bernilai true atau false."]


def test_anonim_hides_the_reporter_from_the_agency_but_not_the_coordinator(demo, api_as):
    report = make_report(demo, Status.IN_DIVISION)
    assert report.is_anonymous
    agency = api_as("kapuas.pupr.kadis").get(f"/api/staff/reports/{report.tracking_id}/").json()
    assert agency["identity_visible"] is False and agency["reporter"] is None
    assert {e["actor"] for e in agency["timeline"] if e["action"] == "submit"} == {"Pelapor"}
    assert "Siti" not in str(agency)
    coordinator = api_as("kapuas.koordinator").get(f"/api/staff/reports/{report.tracking_id}/")
    assert coordinator.json()["reporter"]["name"] == "Siti Rahmawati"


def test_an_identified_report_shows_the_reporter_to_the_agency(demo, api_as):
    report = actions.submit_report(
        report_input(demo, is_anonymous=False), actor=Actor.reporter(demo.users["warga"])
    ).report
    actions.verify_report(report, actor=Actor(user=demo.users["kapuas.koordinator"]))
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        agencies=[demo.orgs["kapuas-pupr"]],
        lead=demo.orgs["kapuas-pupr"],
    )
    body = api_as("kapuas.pupr.penghubung").get(f"/api/staff/reports/{report.tracking_id}/").json()
    assert body["reporter"]["name"] == "Siti Rahmawati"
    assert body["capacities"] == ["liaison_officer"]


def test_the_detail_shows_clocks_assignments_and_the_next_actions(demo, api_as):
    report = make_report(demo, Status.ACCEPTED)
    body = api_as("kapuas.pupr.kadis").get(f"/api/staff/reports/{report.tracking_id}/").json()
    assert body["assignments"][0]["state"] == "accepted"
    assert "internal_disposition" in [c["step"] for c in body["clocks"] if c["stopped_at"] is None]
    assert [a["action"] for a in body["available_actions"]] == [
        "dispose_internally",
        "request_clarification",
        "submit_draft",
    ]


def test_a_coordinator_types_in_a_whatsapp_report(demo, api_as):
    r = api_as("kapuas.koordinator").post(
        "/api/staff/reports/",
        {
            "title": "Banjir di Jl. Pemuda",
            "description": "Laporan via WhatsApp: drainase tersumbat, air setinggi lutut.",
            "classification": "complaint",
            "channel": "whatsapp",
            "reporter_name": "Pak Darto",
            "reporter_phone": "0813 1111 2222",
            "attachments": [png()],
        },
        format="multipart",
    )
    assert r.status_code == 201, r.content
    body = r.json()
    assert len(body["access_code"]) == 8
    assert body["report"]["status"] == "verified"
    assert body["report"]["channel"]["code"] == "whatsapp"
    assert body["report"]["is_anonymous"] is True and body["report"]["is_confidential"] is True
    assert body["report"]["attachments"][0]["kind"] == "evidence"


def test_a_liaison_admin_types_in_an_already_solved_report(demo, api_as):
    r = api_as("kapuas.pupr.admin").post(
        "/api/staff/reports/",
        {
            "title": "Tanya jadwal perbaikan jalan",
            "description": "Warga menelepon menanyakan jadwal perbaikan jalan Selat Hilir.",
            "classification": "information_request",
            "channel": "phone",
            "solved_answer": "Perbaikan dijadwalkan minggu kedua Desember.",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    report = r.json()["report"]
    assert report["status"] == "followed_up"
    assert report["lead_agency"]["code"] == "kapuas-pupr"
    assert report["followups"][0]["state"] == "published"


def test_only_intake_roles_may_type_in_reports(demo, api_as):
    before = snapshot()
    r = api_as("kapuas.pupr.staf").post(
        "/api/staff/reports/",
        {
            "title": "Banjir di Jl. Pemuda",
            "description": "Laporan via WhatsApp: drainase tersumbat, air setinggi lutut.",
            "classification": "complaint",
            "channel": "whatsapp",
        },
        format="json",
    )
    assert_error(r, 403, "permission_denied")
    assert snapshot() == before


def test_field_check_photos_are_for_staff_only(demo, api_as, anon):
    report = make_report(demo, Status.IN_DIVISION)
    r = api_as("kapuas.pupr.staf").post(
        f"/api/staff/reports/{report.tracking_id}/actions/record_field_check/",
        {
            "visited_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
            "location": "Jl. Tambun Bungai km 3",
            "findings": "Lubang 1 x 2 m, kedalaman 30 cm.",
            "conclusion": "Perlu penambalan segera.",
            "ba_number": "BA/PUPR/2026/017",
            "photos": [png("lokasi.png")],
        },
        format="multipart",
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "in_division"
    assert r.json()["field_checks"][0]["ba_number"] == "BA/PUPR/2026/017"
    photo = Attachment.objects.get(report=report, kind="field_photo")
    url = f"/api/reports/{report.tracking_id}/attachments/{photo.pk}/"
    assert api_as("kapuas.pupr.kadis").get(url).status_code == 200
    assert_error(api_as("warga").get(url), 404, "attachment_not_found")
    reporter_view = api_as("warga").get(f"/api/reports/{report.tracking_id}/").json()
    assert reporter_view["attachments"] == []


def test_published_follow_up_files_reach_the_reporter(demo, api_as):
    report = make_report(demo, Status.IN_DIVISION)
    tid = report.tracking_id
    action = "/api/staff/reports/{}/actions/{}/".format
    r = api_as("kapuas.pupr.staf").post(
        action(tid, "submit_draft"),
        {"body": "Lubang sudah ditambal, foto terlampir sebagai bukti.", "attachments": [png()]},
        format="multipart",
    )
    assert r.status_code == 200, r.content
    file_id = r.json()["followups"][0]["attachments"][0]["id"]
    url = f"/api/reports/{tid}/attachments/{file_id}/"
    warga = api_as("warga")
    assert_error(warga.get(url), 404)  # not yet published
    api_as("kapuas.pupr.kadis").post(action(tid, "approve_draft"), {}, format="json")
    api_as("kapuas.pupr.admin").post(action(tid, "publish_followup"), {}, format="json")
    download = warga.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")
    assert Report.objects.get(pk=report.pk).status == Status.FOLLOWED_UP


def test_a_supporting_agency_acknowledges_its_part_through_accept(demo, api_as):
    report = make_report(demo, Status.VERIFIED)
    tid = report.tracking_id
    r = api_as("kapuas.koordinator").post(
        f"/api/staff/reports/{tid}/actions/dispose/",
        {"agencies": ["kapuas-pupr", "kapuas-disdik"], "lead": "kapuas-pupr"},
        format="json",
    )
    assert {(a["agency"]["code"], a["is_lead"]) for a in r.json()["assignments"]} == {
        ("kapuas-pupr", True),
        ("kapuas-disdik", False),
    }
    disdik = api_as("kapuas.disdik.penghubung")
    detail = disdik.get(f"/api/staff/reports/{tid}/").json()
    assert [a["action"] for a in detail["available_actions"]] == ["accept"]
    r = disdik.post(f"/api/staff/reports/{tid}/actions/accept/", format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "disposed"  # the lead agency has not accepted yet
    states = {a["agency"]["code"]: a["state"] for a in r.json()["assignments"]}
    assert states == {"kapuas-pupr": "pending", "kapuas-disdik": "accepted"}
