"""Staff actions through the report page forms: the happy path, bad input, 403 and 409."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import client_for
from tests.reports.helpers import make_report
from tests.staff.helpers import (
    action_url,
    body,
    disposed_to,
    fake_jpg,
    png,
    post,
    report_url,
    state,
)
from tuntas.reference.models import Classification
from tuntas.reports.models import (
    Assignment,
    AssignmentState,
    DraftState,
    FieldCheck,
    FollowUp,
    Status,
)

S = Status


def as_user(demo, username):
    return client_for(demo.users[username])


def test_full_walk_from_verify_to_publish_through_the_forms(demo):
    report = make_report(demo, S.SUBMITTED)
    u = demo.users
    exam = Classification.objects.get(code="complaint_examination")
    steps = [
        (
            "kapuas.koordinator",
            "verify",
            {
                "is_anonymous": "on",
                "is_confidential": "on",
                "classification": exam.pk,
                "note": "Lengkap",
            },
            S.VERIFIED,
        ),
        (
            "kapuas.koordinator",
            "dispose",
            {
                "agencies": [demo.orgs["kapuas-pupr"].pk],
                "lead": demo.orgs["kapuas-pupr"].pk,
                "instructions": "Segera cek",
            },
            S.DISPOSED,
        ),
        ("kapuas.pupr.penghubung", "accept", {}, S.ACCEPTED),
        (
            "kapuas.pupr.kadis",
            "dispose_internally",
            {"division": demo.orgs["kapuas-pupr-binamarga"].pk, "instructions": "Cek lapangan"},
            S.IN_DIVISION,
        ),
        (
            "kapuas.pupr.staf",
            "record_field_check",
            {
                "visited_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
                "location": "Depan SDN 1 Selat",
                "findings": "Lubang 1 x 2 m",
                "conclusion": "Perlu penambalan",
                "ba_number": "BA/01/2026",
                "photos": [png("lubang.png")],
                "official_record": [png("ba.png")],
            },
            S.IN_DIVISION,
        ),
        (
            "kapuas.pupr.staf",
            "submit_draft",
            {
                "body": "Jalan sudah ditambal oleh tim Bina Marga kemarin.",
                "attachments": [png("hasil.png")],
            },
            S.DRAFT_REVIEW,
        ),
        ("kapuas.pupr.penghubung", "approve_draft", {"note": "Setuju"}, S.DRAFT_APPROVED),
        ("kapuas.pupr.admin", "publish_followup", {}, S.FOLLOWED_UP),
    ]
    for username, action, data, expected in steps:
        client = as_user(demo, username)
        response = client.post(action_url(report, action), data)
        assert response.status_code == 302, (action, body(response)[:2000])
        assert response["Location"] == report_url(report)
        report.refresh_from_db()
        assert report.status == expected, action
        follow = client.get(response["Location"])
        assert 'class="msg msg-success"' in body(follow)
    report.refresh_from_db()
    assert report.classification == exam
    assert report.lead_agency == demo.orgs["kapuas-pupr"]
    check = FieldCheck.objects.get(report=report)
    assert check.officer == u["kapuas.pupr.staf"] and check.attachments.count() == 2
    published = FollowUp.objects.get(report=report)
    assert published.state == DraftState.PUBLISHED
    assert published.reviewed_by == u["kapuas.pupr.penghubung"]
    assert published.attachments.count() == 1


@pytest.mark.parametrize(
    ("status", "username", "action", "data", "after"),
    [
        (S.SUBMITTED, "kapuas.koordinator", "hold", {"missing": "Foto lokasi"}, S.ON_HOLD),
        (
            S.SUBMITTED,
            "kapuas.koordinator",
            "not_in_authority",
            {"reason": "Jalan nasional"},
            S.NOT_IN_AUTHORITY,
        ),
        (
            S.SUBMITTED,
            "kapuas.koordinator",
            "archive",
            {"reason_code": "duplicate", "note": "Sama dengan laporan lain"},
            S.ARCHIVED,
        ),
        (
            S.NOT_IN_AUTHORITY,
            "nasional",
            "forward_external",
            {"body_name": "Kementerian PUPR"},
            S.FORWARDED,
        ),
        (
            S.DISPOSED,
            "kapuas.pupr.penghubung",
            "return_disposition",
            {"reason": "Bukan wewenang PUPR"},
            S.VERIFIED,
        ),
        (
            S.ACCEPTED,
            "kapuas.pupr.admin",
            "request_clarification",
            {"question": "Nomor rumah?"},
            S.AWAITING_CLARIFICATION,
        ),
        (
            S.DRAFT_REVIEW,
            "kapuas.pupr.kadis",
            "return_draft",
            {"note": "Lengkapi foto"},
            S.IN_DIVISION,
        ),
        (S.FOLLOWED_UP, "kapuas.koordinator", "close", {"note": ""}, S.CLOSED),
        (S.CLOSED, "kapuas.koordinator", "reopen", {"reason": "Lubang muncul lagi"}, S.ACCEPTED),
        (
            S.ACCEPTED,
            "kapuas.koordinator",
            "forward_ombudsman",
            {"note": "Lewat 60 hari"},
            S.OMBUDSMAN,
        ),
    ],
)
def test_each_action_form_moves_the_report(demo, status, username, action, data, after):
    report = make_report(demo, status)
    response = post(as_user(demo, username), report, action, data)
    assert response.status_code == 302, body(response)[:2000]
    report.refresh_from_db()
    assert report.status == after


def test_route_to_pemda_sends_the_report_to_another_pemda(demo):
    report = make_report(demo, S.NOT_IN_AUTHORITY)
    response = post(
        as_user(demo, "nasional"), report, "route_to_pemda", {"pemda": demo.orgs["majalengka"].pk}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == S.SUBMITTED and report.pemda == demo.orgs["majalengka"]


def test_transfer_hands_the_report_to_another_agency(demo):
    report = make_report(demo, S.ACCEPTED)
    response = post(
        as_user(demo, "kapuas.pupr.penghubung"),
        report,
        "transfer",
        {"to_agency": demo.orgs["kapuas-disdik"].pk, "reason": "Halaman sekolah, urusan Disdik"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == S.DISPOSED and report.lead_agency == demo.orgs["kapuas-disdik"]


def test_supporting_agency_accepts_its_part(demo):
    report = make_report(demo, S.VERIFIED)
    post(
        as_user(demo, "kapuas.koordinator"),
        report,
        "dispose",
        {
            "agencies": [demo.orgs["kapuas-pupr"].pk, demo.orgs["kapuas-disdik"].pk],
            "lead": demo.orgs["kapuas-pupr"].pk,
        },
    )
    response = post(as_user(demo, "kapuas.disdik.penghubung"), report, "accept_support")
    assert response.status_code == 302
    support = Assignment.objects.get(report=report, agency=demo.orgs["kapuas-disdik"])
    assert support.state == AssignmentState.ACCEPTED
    report.refresh_from_db()
    assert report.status == S.DISPOSED  # the lead agency still has to accept


BAD_INPUT = [
    (S.SUBMITTED, "kapuas.koordinator", "verify", {"classification": "999999"}),
    (S.SUBMITTED, "kapuas.koordinator", "hold", {"missing": "   "}),
    (S.SUBMITTED, "kapuas.koordinator", "not_in_authority", {"reason": ""}),
    (S.SUBMITTED, "kapuas.koordinator", "archive", {"reason_code": "bosan"}),
    (S.NOT_IN_AUTHORITY, "nasional", "route_to_pemda", {"pemda": ""}),
    (S.NOT_IN_AUTHORITY, "nasional", "forward_external", {"body_name": ""}),
    (S.VERIFIED, "kapuas.koordinator", "dispose", {"agencies": [], "lead": ""}),
    (S.DISPOSED, "kapuas.pupr.penghubung", "return_disposition", {"reason": ""}),
    (S.ACCEPTED, "kapuas.pupr.penghubung", "transfer", {"to_agency": "", "reason": "Salah"}),
    (S.ACCEPTED, "kapuas.pupr.kadis", "dispose_internally", {"division": ""}),
    (S.ACCEPTED, "kapuas.pupr.kadis", "request_clarification", {"question": ""}),
    (
        S.IN_DIVISION,
        "kapuas.pupr.staf",
        "record_field_check",
        {
            "visited_on": "kemarin",
            "location": "",
            "findings": "",
            "conclusion": "",
            "ba_number": "",
        },
    ),
    (S.IN_DIVISION, "kapuas.pupr.staf", "submit_draft", {"body": "Terlalu pendek"}),
    (S.DRAFT_REVIEW, "kapuas.pupr.kadis", "return_draft", {"note": ""}),
    (S.CLOSED, "kapuas.koordinator", "reopen", {"reason": ""}),
]


@pytest.mark.parametrize(("status", "username", "action", "data"), BAD_INPUT)
def test_bad_input_is_400_with_a_message_and_changes_nothing(demo, status, username, action, data):
    report = make_report(demo, status)
    before = state(report)
    response = post(as_user(demo, username), report, action, data)
    assert response.status_code == 400
    html = body(response)
    assert 'class="msg msg-error"' in html
    assert 'class="errorlist' in html
    assert re.search(rf'<details id="aksi-{action}"[^>]* open>', html)  # the form is open again
    assert state(report) == before


def test_dispose_to_an_agency_of_another_pemda_is_refused(demo):
    report = make_report(demo, S.VERIFIED)
    before = state(report)
    other = demo.orgs["majalengka-pupr"].pk
    response = post(
        as_user(demo, "kapuas.koordinator"), report, "dispose", {"agencies": [other], "lead": other}
    )
    assert response.status_code == 400
    assert state(report) == before
    assert not Assignment.objects.filter(report=report).exists()


def test_lead_outside_the_chosen_agencies_shows_the_actions_message(demo):
    report = make_report(demo, S.VERIFIED)
    before = state(report)
    response = post(
        as_user(demo, "kapuas.koordinator"),
        report,
        "dispose",
        {"agencies": [demo.orgs["kapuas-disdik"].pk], "lead": demo.orgs["kapuas-pupr"].pk},
    )
    assert response.status_code == 400
    assert "OPD utama harus termasuk OPD yang dipilih." in body(response)
    assert state(report) == before


def test_field_check_in_the_future_is_refused(demo):
    report = make_report(demo, S.IN_DIVISION)
    before = state(report)
    response = post(
        as_user(demo, "kapuas.pupr.staf"),
        report,
        "record_field_check",
        {
            "visited_on": "2999-01-01",
            "location": "Selat",
            "findings": "Ada",
            "conclusion": "Tambal",
            "ba_number": "BA-1",
        },
    )
    assert response.status_code == 400
    assert "masa depan" in body(response)
    assert state(report) == before and not FieldCheck.objects.exists()


def test_a_fake_photo_is_refused_and_nothing_is_stored(demo):
    report = make_report(demo, S.IN_DIVISION)
    before = state(report)
    response = post(
        as_user(demo, "kapuas.pupr.staf"),
        report,
        "submit_draft",
        {"body": "Jalan sudah ditambal oleh tim Bina Marga kemarin.", "attachments": [fake_jpg()]},
    )
    assert response.status_code == 400
    assert "foto.jpg" in body(response)
    assert state(report) == before and not FollowUp.objects.exists()


@pytest.mark.parametrize(
    ("status", "username", "action", "data"),
    [
        (S.SUBMITTED, "kapuas.kasi", "verify", {"classification": 1}),
        (S.SUBMITTED, "kapuas.apip", "archive", {"reason_code": "spam"}),
        (S.ACCEPTED, "kapuas.pupr.admin", "dispose_internally", {"division": 1}),
        (S.IN_DIVISION, "kapuas.pupr.penghubung", "record_field_check", {}),
        (S.DRAFT_REVIEW, "kapuas.pupr.staf", "approve_draft", {}),
        (S.DRAFT_APPROVED, "kapuas.pupr.kadis", "publish_followup", {}),
        (S.DISPOSED, "kapuas.koordinator", "accept", {}),
        (S.FOLLOWED_UP, "kapuas.pupr.penghubung", "close", {}),
    ],
)
def test_persona_without_the_role_gets_403_and_nothing_changes(
    demo, status, username, action, data
):
    report = make_report(demo, status)
    before = state(report)
    response = post(as_user(demo, username), report, action, data)
    assert response.status_code == 403
    assert 'class="msg msg-error"' in body(response)
    assert state(report) == before


@pytest.mark.parametrize(
    ("status", "username", "action", "data"),
    [
        (S.DISPOSED, "kapuas.koordinator", "verify", {"classification": 1}),
        (S.SUBMITTED, "kapuas.koordinator", "dispose", {}),
        (S.CLOSED, "kapuas.koordinator", "close", {}),
        (S.ACCEPTED, "kapuas.pupr.penghubung", "accept", {}),
    ],
)
def test_a_forbidden_transition_is_409_and_nothing_changes(demo, status, username, action, data):
    report = make_report(demo, status)
    before = state(report)
    response = post(as_user(demo, username), report, action, data)
    assert response.status_code == 409
    assert "tidak dapat dilakukan pada laporan berstatus" in body(response)
    assert state(report) == before


def test_approving_ones_own_draft_is_refused(demo):
    report = make_report(demo, S.ACCEPTED)
    kadis = as_user(demo, "kapuas.pupr.kadis")
    response = post(
        kadis, report, "submit_draft", {"body": "Jalan sudah kami perbaiki minggu ini."}
    )
    assert response.status_code == 302
    before = state(report)
    response = post(kadis, report, "approve_draft", {"note": "OK"})
    assert response.status_code == 403
    assert "penyusunnya sendiri" in body(response)
    assert state(report) == before == (S.DRAFT_REVIEW, before[1])
    assert FollowUp.objects.get(report=report).state == DraftState.REVIEW
    # Someone else may approve it.
    assert post(as_user(demo, "kapuas.pupr.penghubung"), report, "approve_draft").status_code == 302


def test_a_second_click_on_the_same_action_is_409(demo):
    report = make_report(demo, S.SUBMITTED)
    client = as_user(demo, "kapuas.koordinator")
    classification = report.classification_id
    assert post(client, report, "verify", {"classification": classification}).status_code == 302
    before = state(report)
    assert post(client, report, "verify", {"classification": classification}).status_code == 409
    assert state(report) == before


def test_verify_keeps_the_reporters_privacy_choices(demo):
    # Both boxes left unticked (the reporter chose anonim and rahasia): verifying does not
    # lower them; only the reporter may, when asked (tests/reports/test_privacy_consent.py).
    report = make_report(demo, S.SUBMITTED)
    assert report.is_anonymous and report.is_confidential
    response = post(
        as_user(demo, "kapuas.koordinator"),
        report,
        "verify",
        {"classification": report.classification_id},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == S.VERIFIED
    assert report.is_anonymous is True and report.is_confidential is True


def test_disposed_report_of_another_agency_cannot_be_acted_on(demo):
    report = disposed_to(demo, "kapuas-disdik")
    before = state(report)
    assert post(as_user(demo, "kapuas.pupr.penghubung"), report, "accept").status_code == 404
    assert state(report) == before
