"""Every kind of bad input is a 400 naming the field, and changes nothing."""

from __future__ import annotations

import pytest

from tests.api.helpers import assert_error, snapshot
from tests.reports.helpers import make_report
from tuntas.reports.models import Status

ACTION = "/api/staff/reports/{tid}/actions/{action}/"
GOOD_REPORT = {
    "title": "Jalan berlubang di Selat",
    "description": "Lubang besar di depan SDN 1 Selat sejak dua minggu, membahayakan.",
    "classification": "complaint",
    "pemda": "kapuas",
    "reporter_email": "ani@example.com",
}


@pytest.mark.parametrize(
    ("status", "username", "action", "body", "field"),
    [
        (
            Status.SUBMITTED,
            "kapuas.koordinator",
            "verify",
            {"is_anonymous": "mungkin"},
            "is_anonymous",
        ),
        (
            Status.SUBMITTED,
            "kapuas.koordinator",
            "verify",
            {"classification": "zzz"},
            "classification",
        ),
        (Status.SUBMITTED, "kapuas.koordinator", "verify", {"category": "abc"}, "category"),
        (Status.SUBMITTED, "kapuas.koordinator", "hold", {}, "missing"),
        (Status.SUBMITTED, "kapuas.koordinator", "hold", {"missing": "   "}, "missing"),
        (
            Status.SUBMITTED,
            "kapuas.koordinator",
            "archive",
            {"reason_code": "bosan"},
            "reason_code",
        ),
        (Status.SUBMITTED, "kapuas.koordinator", "not_in_authority", {"reason": ""}, "reason"),
        (Status.VERIFIED, "kapuas.koordinator", "dispose", {"agencies": "x"}, "agencies"),
        (Status.VERIFIED, "kapuas.koordinator", "dispose", {"agencies": []}, "agencies"),
        (Status.VERIFIED, "kapuas.koordinator", "dispose", {"agencies": ["atlantis"]}, "agencies"),
        (Status.VERIFIED, "kapuas.koordinator", "dispose", {"agencies": [1, 2]}, "agencies"),
        # Valid codes, but an agency of another Pemda: refused by the action itself.
        (
            Status.VERIFIED,
            "kapuas.koordinator",
            "dispose",
            {"agencies": ["majalengka-pupr"]},
            "agencies",
        ),
        (
            Status.VERIFIED,
            "kapuas.koordinator",
            "dispose",
            {"agencies": ["kapuas-pupr"], "lead": "kapuas-disdik"},
            "agencies",
        ),
        (
            Status.DISPOSED,
            "kapuas.pupr.penghubung",
            "transfer",
            {"to_agency": "kapuas-disdik"},
            "reason",
        ),
        (
            Status.DISPOSED,
            "kapuas.pupr.penghubung",
            "transfer",
            {"to_agency": 7, "reason": "x"},
            "to_agency",
        ),
        (
            Status.DISPOSED,
            "kapuas.pupr.penghubung",
            "return_disposition",
            {"reason": None},
            "reason",
        ),
        (
            Status.ACCEPTED,
            "kapuas.pupr.kadis",
            "dispose_internally",
            {"division": "kapuas-disdik-dasar"},
            "division",
        ),
        (
            Status.ACCEPTED,
            "kapuas.pupr.kadis",
            "dispose_internally",
            {"division": ["x"]},
            "division",
        ),
        (
            Status.IN_DIVISION,
            "kapuas.pupr.staf",
            "request_clarification",
            {"question": {}},
            "question",
        ),
        (
            Status.IN_DIVISION,
            "kapuas.pupr.staf",
            "submit_draft",
            {"body": "Terlalu pendek"},
            "body",
        ),
        (
            Status.IN_DIVISION,
            "kapuas.pupr.staf",
            "submit_draft",
            {"body": "x" * 30, "attachments": "a"},
            "attachments",
        ),
        (
            Status.IN_DIVISION,
            "kapuas.pupr.staf",
            "record_field_check",
            {
                "visited_on": "kemarin",
                "location": "Selat",
                "findings": "Lubang",
                "conclusion": "Tambal",
                "ba_number": "BA/1",
            },
            "visited_on",
        ),
        (
            Status.IN_DIVISION,
            "kapuas.pupr.staf",
            "record_field_check",
            {
                "visited_on": "2999-01-01",
                "location": "Selat",
                "findings": "Lubang",
                "conclusion": "Tambal",
                "ba_number": "BA/1",
            },
            "visited_on",
        ),
        (Status.DRAFT_REVIEW, "kapuas.pupr.kadis", "return_draft", {}, "note"),
        (Status.CLOSED, "kapuas.koordinator", "reopen", {"reason": True}, "reason"),
    ],
)
def test_bad_action_input_is_400_with_fields_and_changes_nothing(
    demo, api_as, status, username, action, body, field
):
    report = make_report(demo, status)
    before = snapshot()
    r = api_as(username).post(
        ACTION.format(tid=report.tracking_id, action=action), body, format="json"
    )
    error = assert_error(r, 400, "validation_error")
    assert field in error["fields"], error
    assert all(isinstance(m, str) and m for m in error["fields"][field])
    assert snapshot() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"satisfied": True, "rating": "abc"}, "rating"),
        ({"satisfied": True, "rating": 9}, "rating"),
        ({"satisfied": True, "rating": 0}, "rating"),
        ({"satisfied": "ya"}, "satisfied"),
        ({"rating": 5}, "satisfied"),
        ({"satisfied": False, "rating": 1}, "comment"),
        ({"satisfied": False, "comment": ["a"]}, "comment"),
    ],
)
def test_bad_replies_are_400_and_change_nothing(demo, api_as, body, field):
    report = make_report(demo, Status.FOLLOWED_UP)
    before = snapshot()
    r = api_as("warga").post(f"/api/reports/{report.tracking_id}/reply/", body, format="json")
    error = assert_error(r, 400)
    assert field in error["fields"], error
    assert snapshot() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "abc"}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"description": "terlalu pendek"}, "description"),
        ({"classification": "gosip"}, "classification"),
        ({"pemda": "atlantis"}, "pemda"),
        ({"pemda": "kapuas-pupr"}, "pemda"),
        ({"pemda": None}, "pemda"),
        ({"category": 99999}, "category"),
        ({"region": "35.26.01"}, "region"),
        ({"requested_agency": "kapuas-pupr-binamarga"}, "requested_agency"),
        ({"incident_date": "kemarin"}, "incident_date"),
        ({"incident_date": "2999-01-01"}, "incident_date"),
        ({"reporter_nik": "123"}, "reporter_nik"),
        ({"reporter_phone": "telepon saya"}, "reporter_phone"),
        ({"reporter_email": "bukan-email"}, "reporter_email"),
        ({"reporter_email": ""}, "reporter_email"),
        ({"is_anonymous": "kadang"}, "is_anonymous"),
        ({"channel": "whatsapp"}, "channel"),
        ({"attachments": ["bukan berkas"]}, "attachments.0"),
    ],
)
def test_a_bad_submission_is_400_and_creates_nothing(demo, anon, changes, field):
    before = snapshot()
    r = anon.post("/api/reports/", {**GOOD_REPORT, **changes}, format="json")
    error = assert_error(r, 400, "validation_error")
    assert field in error["fields"], error
    assert snapshot() == before


def test_a_submission_that_is_not_an_object_is_400(demo, anon):
    error = assert_error(anon.post("/api/reports/", [1, 2], format="json"), 400)
    assert error["fields"] == {"non_field_errors": ["Data harus berupa objek JSON, bukan list."]}


def test_broken_json_is_400(demo, anon):
    before = snapshot()
    r = anon.post("/api/reports/", "{not json", content_type="application/json")
    assert_error(r, 400, "parse_error")
    assert snapshot() == before


def test_an_unsupported_body_type_is_415(demo, api_as):
    report = make_report(demo, Status.SUBMITTED)
    r = api_as("kapuas.koordinator").post(
        ACTION.format(tid=report.tracking_id, action="hold"), "missing=x", content_type="text/plain"
    )
    assert_error(r, 415, "unsupported_media_type")


def test_the_messages_are_indonesian(demo, api_as):
    report = make_report(demo, Status.VERIFIED)
    r = api_as("kapuas.koordinator").post(
        ACTION.format(tid=report.tracking_id, action="dispose"), {"agencies": "x"}, format="json"
    )
    assert assert_error(r, 400)["fields"] == {
        "agencies": ['Harus berupa daftar (list), bukan "str".']
    }


INTAKE = {
    "title": "Banjir di Jl. Pemuda",
    "description": "Laporan via WhatsApp: drainase tersumbat, air setinggi lutut.",
    "classification": "complaint",
    "channel": "whatsapp",
}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"channel": None}, "channel"),
        ({"channel": "merpati"}, "channel"),
        ({"organisation": "kapuas-pupr-binamarga"}, "organisation"),
        ({"solved_answer": ["a"]}, "solved_answer"),
        ({"is_confidential": 3}, "is_confidential"),
        ({"region": "32.10.01"}, "region"),
    ],
)
def test_a_bad_intake_is_400_and_creates_nothing(demo, api_as, changes, field):
    before = snapshot()
    r = api_as("kapuas.koordinator").post(
        "/api/staff/reports/", {**INTAKE, **changes}, format="json"
    )
    assert field in assert_error(r, 400, "validation_error")["fields"]
    assert snapshot() == before
