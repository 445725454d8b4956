"""Staff may only raise a reporter's privacy; lowering it needs the reporter's consent.

Security finding 3: one verify call with both flags off showed the agency the reporter's
name and e-mail and put the report on the public list, with no reason and no notice.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import token_for
from tests.conftest import client_for
from tests.reports.helpers import make_report, report_input
from tuntas.audit.models import AuditEvent, Visibility
from tuntas.core.errors import Conflict, PermissionDenied, ValidationFailed
from tuntas.demo.builder import Demo
from tuntas.outbox.models import OutboxMessage
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.links import make_token
from tuntas.reports.models import PrivacyRequest, PrivacyRequestState, Report, Status
from tuntas.reports.selectors import public_reports

pytestmark = pytest.mark.django_db
COORD = "kapuas.koordinator"


def private_report(demo: Demo) -> Report:
    """A submitted report whose reporter chose anonim and rahasia (the defaults)."""
    data = report_input(demo, reporter_name="Siti Aminah", reporter_email="siti@contoh.id")
    return actions.submit_report(data, actor=Actor.reporter(None)).report


def coordinator(demo: Demo) -> Actor:
    return Actor(user=demo.users[COORD])


def test_the_verify_call_that_lowered_both_flags_is_refused_and_changes_nothing(demo):
    report = private_report(demo)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(COORD)}")
    response = api.post(
        f"/api/staff/reports/{report.tracking_id}/actions/verify/",
        {"is_anonymous": False, "is_confidential": False},
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()["error"]["fields"]
    assert set(errors) >= {"is_anonymous", "is_confidential"}
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    assert report.is_anonymous and report.is_confidential
    assert not public_reports().filter(pk=report.pk).exists()


def test_the_action_refuses_lowering_too(demo):
    report = private_report(demo)
    with pytest.raises(ValidationFailed) as refused:
        actions.verify_report(report, actor=coordinator(demo), is_anonymous=False)
    assert "is_anonymous" in refused.value.errors
    report.refresh_from_db()
    assert report.is_anonymous and report.status == Status.SUBMITTED


def test_raising_is_allowed_and_the_reporter_reads_it(demo):
    data = report_input(demo, is_anonymous=False, is_confidential=False)
    report = actions.submit_report(data, actor=Actor.reporter(demo.users["warga"])).report
    actions.verify_report(report, actor=coordinator(demo), is_anonymous=True, is_confidential=True)
    report.refresh_from_db()
    assert report.is_anonymous and report.is_confidential and report.status == Status.VERIFIED
    events = AuditEvent.objects.filter(report=report, action="privacy_flag_changed")
    assert {e.data["flag"] for e in events} == {"is_anonymous", "is_confidential"}
    assert {e.visibility for e in events} == {Visibility.REPORTER}
    page = client_for(demo.users["warga"]).get(f"/laporan/{report.tracking_id}/")
    assert "Identitas pelapor disembunyikan" in page.content.decode()


def test_the_verify_form_keeps_the_reporters_choice_whatever_is_posted(demo):
    report = private_report(demo)
    client = client_for(demo.users[COORD])
    page = client.get(f"/petugas/laporan/{report.tracking_id}/").content.decode()
    checkbox = re.search(r'<input[^>]*name="is_anonymous"[^>]*>', page)
    assert checkbox is not None and "disabled" in checkbox.group(0)
    # A browser sends nothing for an unticked (or disabled) box: the choice stays.
    classification = report.classification_id
    response = client.post(
        f"/petugas/laporan/{report.tracking_id}/aksi/verify/",
        {"classification": classification, "note": ""},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.VERIFIED
    assert report.is_anonymous and report.is_confidential


def _ask(
    demo: Demo,
    report: Report,
    *,
    lower_anonymous: bool = False,
    lower_confidential: bool = False,
) -> PrivacyRequest:
    if not lower_confidential:
        lower_anonymous = True
    return actions.request_privacy_change(
        report,
        actor=coordinator(demo),
        reason="Agar OPD dapat menghubungi Anda.",
        lower_anonymous=lower_anonymous,
        lower_confidential=lower_confidential,
    )


def test_asking_changes_nothing_and_tells_the_reporter_with_a_link(demo):
    report = private_report(demo)
    asked = _ask(demo, report, lower_anonymous=True, lower_confidential=True)
    report.refresh_from_db()
    assert report.is_anonymous and report.is_confidential
    assert asked.state == PrivacyRequestState.PENDING
    mail = OutboxMessage.objects.filter(report_id=report.pk, address="siti@contoh.id").latest("id")
    assert "/tautan/" in mail.body and "Agar OPD dapat menghubungi Anda." in mail.body
    # The link is a bearer token: it never reaches the audit trail staff read.
    event = AuditEvent.objects.get(report=report, action="request_privacy_change")
    assert "/tautan/" not in event.reason
    assert event.visibility == Visibility.REPORTER


def test_the_reporter_accepts_on_the_report_page(demo):
    report = make_report(demo, Status.SUBMITTED)  # warga's own, anonim and rahasia
    asked = _ask(demo, report)
    warga = client_for(demo.users["warga"])
    page = warga.get(f"/laporan/{report.tracking_id}/").content.decode()
    assert "Petugas meminta persetujuan Anda" in page
    response = warga.post(
        f"/laporan/{report.tracking_id}/privasi/", {"request_id": asked.pk, "decision": "accept"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert not report.is_anonymous and report.is_confidential  # only what was asked
    asked.refresh_from_db()
    assert asked.state == PrivacyRequestState.ACCEPTED and asked.decided_through == "page"
    flag_event = AuditEvent.objects.get(report=report, action="privacy_flag_changed")
    assert flag_event.data == {"flag": "is_anonymous", "value": False}


def test_the_reporter_declines_and_nothing_changes(demo):
    report = make_report(demo, Status.SUBMITTED)
    asked = _ask(demo, report)
    actions.decline_privacy_change(
        report, actor=Actor.reporter(demo.users["warga"]), request_id=asked.pk
    )
    report.refresh_from_db()
    assert report.is_anonymous
    asked.refresh_from_db()
    assert asked.state == PrivacyRequestState.DECLINED
    with pytest.raises(Conflict):
        actions.accept_privacy_change(
            report, actor=Actor.reporter(demo.users["warga"]), request_id=asked.pk
        )
    report.refresh_from_db()
    assert report.is_anonymous


def test_a_signed_out_reporter_decides_through_the_link_once(demo, client):
    report = private_report(demo)
    asked = _ask(demo, report, lower_confidential=True)
    link = f"/tautan/{make_token('privacy', report.tracking_id, asked.pk)}/"
    page = client.get(link)
    assert page.status_code == 200
    assert "Persetujuan privasi" in page.content.decode()
    response = client.post(link, {"request_id": asked.pk, "decision": "accept"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert not report.is_confidential and report.is_anonymous
    # The link proves the reporter: the report page opens; the link is spent.
    assert client.get(f"/laporan/{report.tracking_id}/").status_code == 200
    again = client.post(link, {"request_id": asked.pk, "decision": "decline"})
    assert again.status_code == 302
    asked.refresh_from_db()
    assert asked.state == PrivacyRequestState.ACCEPTED


def test_an_altered_or_old_link_is_refused(demo, client, monkeypatch):
    report = private_report(demo)
    asked = _ask(demo, report)
    token = make_token("privacy", report.tracking_id, asked.pk)
    assert client.get(f"/tautan/{token[:-2]}xx/").status_code == 404
    other = make_token("privacy", "LPR-0000-NOPE00", asked.pk)
    assert client.get(f"/tautan/{other}/").status_code == 404
    later = timezone.now() + timedelta(days=30)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())  # type: ignore[attr-defined]
    assert client.get(f"/tautan/{token}/").status_code == 404
    report.refresh_from_db()
    assert report.is_anonymous


def test_nobody_but_the_reporter_decides(demo):
    report = make_report(demo, Status.SUBMITTED)
    asked = _ask(demo, report)
    for persona in (COORD, "kapuas.pupr.penghubung", "nasional"):
        with pytest.raises(PermissionDenied):
            actions.accept_privacy_change(
                report, actor=Actor(user=demo.users[persona]), request_id=asked.pk
            )
    report.refresh_from_db()
    assert report.is_anonymous


def test_asking_what_is_already_off_or_twice_is_refused(demo):
    data = report_input(demo, is_anonymous=False)
    report = actions.submit_report(data, actor=Actor.reporter(demo.users["warga"])).report
    with pytest.raises(ValidationFailed) as refused:
        _ask(demo, report, lower_anonymous=True)
    assert "lower_anonymous" in refused.value.errors
    _ask(demo, report, lower_confidential=True)
    with pytest.raises(Conflict):
        _ask(demo, report, lower_confidential=True)
    with pytest.raises(ValidationFailed):
        actions.request_privacy_change(report, actor=coordinator(demo), reason="x")
    assert PrivacyRequest.objects.filter(report=report).count() == 1


def test_an_agency_may_not_ask(demo):
    report = make_report(demo, Status.ACCEPTED)
    with pytest.raises(PermissionDenied):
        actions.request_privacy_change(
            report,
            actor=Actor(user=demo.users["kapuas.pupr.penghubung"]),
            lower_anonymous=True,
            reason="Kami perlu menelepon.",
        )
    assert not PrivacyRequest.objects.exists()


def test_a_null_flag_over_the_api_asks_for_nothing_and_is_no_server_error(demo):
    # Found by the API fuzzer: {"lower_anonymous": null} reached the database as NULL.
    report = private_report(demo)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(COORD)}")
    url = f"/api/staff/reports/{report.tracking_id}/actions/request_privacy_change/"
    both_null = {"lower_anonymous": None, "lower_confidential": None, "reason": "Perlu"}
    refused = api.post(url, both_null, format="json")
    assert refused.status_code == 400
    assert "lower_anonymous" in refused.json()["error"]["fields"]
    assert not PrivacyRequest.objects.filter(report=report).exists()
    one = {"lower_anonymous": None, "lower_confidential": True, "reason": "Perlu tampil"}
    assert api.post(url, one, format="json").status_code == 200
    asked = PrivacyRequest.objects.get(report=report)
    assert (asked.lower_anonymous, asked.lower_confidential) == (False, True)
