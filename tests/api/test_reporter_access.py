"""A reporter follows and answers a report with an account or with the access code."""

from __future__ import annotations

import pytest

from tests.api.helpers import assert_error, png, snapshot
from tests.reports.helpers import make_report, report_input
from tuntas.audit.models import AuditEvent
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status

PATH = [Status.VERIFIED, Status.DISPOSED, Status.ACCEPTED, Status.IN_DIVISION]


@pytest.fixture
def by_code(demo):
    """A report filed without an account, walked to a status: (report, access code)."""
    u, o = demo.users, demo.orgs
    steps = {
        Status.ON_HOLD: lambda r: actions.hold_report(
            r, actor=Actor(user=u["kapuas.koordinator"]), missing="Foto lokasi"
        ),
        Status.VERIFIED: lambda r: actions.verify_report(
            r, actor=Actor(user=u["kapuas.koordinator"])
        ),
        Status.DISPOSED: lambda r: actions.dispose_report(
            r,
            actor=Actor(user=u["kapuas.koordinator"]),
            agencies=[o["kapuas-pupr"]],
            lead=o["kapuas-pupr"],
        ),
        Status.ACCEPTED: lambda r: actions.accept_disposition(
            r, actor=Actor(user=u["kapuas.pupr.penghubung"])
        ),
        Status.IN_DIVISION: lambda r: actions.dispose_internally(
            r, actor=Actor(user=u["kapuas.pupr.kadis"]), division=o["kapuas-pupr-binamarga"]
        ),
        Status.AWAITING_CLARIFICATION: lambda r: actions.request_clarification(
            r, actor=Actor(user=u["kapuas.pupr.staf"]), question="Nomor rumah berapa?"
        ),
    }
    routes = {
        Status.SUBMITTED: [],
        Status.ON_HOLD: [Status.ON_HOLD],
        Status.IN_DIVISION: PATH,
        Status.AWAITING_CLARIFICATION: [*PATH, Status.AWAITING_CLARIFICATION],
    }

    def make(status: Status = Status.SUBMITTED):
        data = report_input(demo, reporter_name="Ani", reporter_phone="0812 3456 7890")
        submitted = actions.submit_report(data, actor=Actor.reporter(None))
        for target in routes[status]:
            steps[target](submitted.report)
        submitted.report.refresh_from_db()
        assert submitted.report.status == status
        return submitted.report, submitted.access_code

    return make


def test_the_right_code_opens_the_reporter_view(demo, anon, by_code):
    report, code = by_code(Status.IN_DIVISION)
    r = anon.get(f"/api/reports/{report.tracking_id}/", HTTP_X_ACCESS_CODE=code)
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "in_division"
    assert body["reporter"]["name"] == "Ani"
    assert "assignments" not in body and "clocks" not in body
    visibilities = {e["visibility"] for e in body["timeline"]}
    assert visibilities <= {"public", "reporter"}
    assert "dispose_internally" not in [e["action"] for e in body["timeline"]]
    assert AuditEvent.objects.filter(report=report, visibility="staff").exists()


def test_the_code_is_not_case_sensitive(demo, anon, by_code):
    report, code = by_code()
    r = anon.get(f"/api/reports/{report.tracking_id}/", HTTP_X_ACCESS_CODE=code.lower())
    assert r.status_code == 200


def test_a_wrong_code_is_404_like_a_missing_report(demo, anon, by_code):
    report, _code = by_code()
    wrong = assert_error(
        anon.get(f"/api/reports/{report.tracking_id}/", HTTP_X_ACCESS_CODE="AAAAAAAA"),
        404,
        "report_not_found",
    )
    missing = assert_error(
        anon.get("/api/reports/LPR-0000-XXXXXX/", HTTP_X_ACCESS_CODE="AAAAAAAA"), 404
    )
    assert wrong == missing


def test_without_code_or_account_it_is_401(demo, anon, by_code):
    report, _code = by_code()
    assert_error(anon.get(f"/api/reports/{report.tracking_id}/"), 401, "not_authenticated")


def test_someone_elses_account_does_not_open_the_report(demo, api_as):
    report = make_report(demo, Status.SUBMITTED)  # filed by warga
    assert_error(api_as("warga2").get(f"/api/reports/{report.tracking_id}/"), 404)
    # Staff read reports through the staff endpoints, not as the reporter.
    assert_error(api_as("kapuas.koordinator").get(f"/api/reports/{report.tracking_id}/"), 404)


def test_a_reporter_completes_held_data_with_the_code_and_a_photo(demo, anon, by_code):
    report, code = by_code(Status.ON_HOLD)
    r = anon.post(
        f"/api/reports/{report.tracking_id}/complete/",
        {"details": "Foto lokasi terlampir.", "attachments": [png()]},
        format="multipart",
        HTTP_X_ACCESS_CODE=code,
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "submitted"
    assert [a["kind"] for a in r.json()["attachments"]] == ["completion"]
    event = AuditEvent.objects.get(report=report, action="complete")
    assert event.actor is None and event.actor_label == "Pelapor"


def test_a_reporter_answers_a_question_with_the_code(demo, anon, by_code):
    report, code = by_code(Status.AWAITING_CLARIFICATION)
    r = anon.post(
        f"/api/reports/{report.tracking_id}/clarify/",
        {"answer": "Rumah nomor 12."},
        format="json",
        HTTP_X_ACCESS_CODE=code,
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "in_division"
    assert [m["kind"] for m in r.json()["messages"]] == ["clarification_request", "clarification"]


def test_a_wrong_code_changes_nothing(demo, anon, by_code):
    report, _code = by_code(Status.AWAITING_CLARIFICATION)
    before = snapshot()
    r = anon.post(
        f"/api/reports/{report.tracking_id}/clarify/",
        {"answer": "Rumah nomor 12."},
        format="json",
        HTTP_X_ACCESS_CODE="ZZZZZZZZ",
    )
    assert_error(r, 404)
    assert snapshot() == before


def test_not_satisfied_sends_the_report_back_to_the_division(demo, api_as):
    report = make_report(demo, Status.FOLLOWED_UP)
    r = api_as("warga").post(
        f"/api/reports/{report.tracking_id}/reply/",
        {"satisfied": False, "rating": 2, "comment": "Lubang masih ada."},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "in_division"
    assert Report.objects.get(pk=report.pk).status == Status.IN_DIVISION


def test_replying_before_a_follow_up_is_409(demo, api_as):
    report = make_report(demo, Status.IN_DIVISION)
    before = snapshot()
    r = api_as("warga").post(
        f"/api/reports/{report.tracking_id}/reply/", {"satisfied": True}, format="json"
    )
    error = assert_error(r, 409, "transition_not_allowed")
    assert "Ditangani bidang" in error["message"]
    assert snapshot() == before
