"""Who may see and do what: out of scope is 404, a wrong role 403, a wrong status 409."""

from __future__ import annotations

import pytest

from tests.api.helpers import assert_error, snapshot
from tests.reports.helpers import make_report
from tuntas.reports.models import Status

ACTION = "/api/staff/reports/{tid}/actions/{action}/"


def test_another_pemda_cannot_see_the_report(demo, api_as):
    report = make_report(demo, Status.SUBMITTED)
    other = api_as("majalengka.koordinator")
    assert_error(other.get(f"/api/staff/reports/{report.tracking_id}/"), 404, "report_not_found")
    assert report.tracking_id not in [
        r["tracking_id"] for r in other.get("/api/staff/reports/").json()["results"]
    ]


def test_acting_out_of_scope_is_404_and_changes_nothing(demo, api_as):
    report = make_report(demo, Status.SUBMITTED)
    before = snapshot()
    r = api_as("majalengka.koordinator").post(
        ACTION.format(tid=report.tracking_id, action="verify"), {}, format="json"
    )
    assert_error(r, 404, "report_not_found")
    assert snapshot() == before


def test_an_agency_sees_a_report_only_once_disposed_to_it(demo, api_as):
    report = make_report(demo, Status.VERIFIED)
    liaison = api_as("kapuas.pupr.penghubung")
    assert_error(liaison.get(f"/api/staff/reports/{report.tracking_id}/"), 404)
    api_as("kapuas.koordinator").post(
        ACTION.format(tid=report.tracking_id, action="dispose"),
        {"agencies": ["kapuas-pupr"]},
        format="json",
    )
    r = liaison.get(f"/api/staff/reports/{report.tracking_id}/")
    assert r.status_code == 200
    assert [a["action"] for a in r.json()["available_actions"]] == [
        "accept",
        "return_disposition",
        "transfer",
    ]
    assert_error(
        api_as("kapuas.disdik.penghubung").get(f"/api/staff/reports/{report.tracking_id}/"), 404
    )


def test_citizens_cannot_use_the_staff_endpoints(demo, api_as):
    error = assert_error(api_as("warga").get("/api/staff/reports/"), 403, "permission_denied")
    assert error["message"] == "Hanya petugas yang dapat memakai alamat ini."


@pytest.mark.parametrize(
    ("status", "username", "action", "body"),
    [
        (Status.DRAFT_REVIEW, "kapuas.pupr.staf", "approve_draft", {}),
        (Status.DRAFT_APPROVED, "kapuas.pupr.kadis", "publish_followup", {}),
        (
            Status.ACCEPTED,
            "kapuas.pupr.admin",
            "dispose_internally",
            {"division": "kapuas-pupr-binamarga"},
        ),
        (Status.FOLLOWED_UP, "kapuas.pupr.penghubung", "close", {}),
    ],
)
def test_a_role_that_may_not_act_gets_403_and_nothing_changes(
    demo, api_as, status, username, action, body
):
    report = make_report(demo, status)
    before = snapshot()
    r = api_as(username).post(
        ACTION.format(tid=report.tracking_id, action=action), body, format="json"
    )
    assert_error(r, 403, "permission_denied")
    assert snapshot() == before


def test_nobody_approves_their_own_draft(demo, api_as):
    report = make_report(demo, Status.IN_DIVISION)
    kadis = api_as("kapuas.pupr.kadis")
    kadis.post(
        ACTION.format(tid=report.tracking_id, action="submit_draft"),
        {"body": "Jalan sudah ditambal oleh tim kami kemarin sore."},
        format="json",
    )
    before = snapshot()
    r = kadis.post(ACTION.format(tid=report.tracking_id, action="approve_draft"), {}, format="json")
    assert_error(r, 403, "own_draft")
    assert snapshot() == before


@pytest.mark.parametrize(
    ("status", "action", "body"),
    [
        (Status.DISPOSED, "verify", {}),
        (Status.SUBMITTED, "dispose", {"agencies": ["kapuas-pupr"]}),
        (Status.CLOSED, "close", {}),
        (Status.VERIFIED, "hold", {"missing": "Foto"}),
    ],
)
def test_an_action_the_status_does_not_allow_is_409(demo, api_as, status, action, body):
    report = make_report(demo, status)
    before = snapshot()
    r = api_as("kapuas.koordinator").post(
        ACTION.format(tid=report.tracking_id, action=action), body, format="json"
    )
    assert_error(r, 409, "transition_not_allowed")
    assert snapshot() == before


def test_an_unknown_action_is_404(demo, api_as):
    report = make_report(demo, Status.SUBMITTED)
    r = api_as("kapuas.koordinator").post(
        ACTION.format(tid=report.tracking_id, action="delete"), {}, format="json"
    )
    assert r.status_code == 404
