"""Who may open the staff pages at all, and what lies outside a person's scope."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.shortcuts import resolve_url

from tests.conftest import client_for
from tests.reports.helpers import make_report
from tests.staff.helpers import (
    action_url,
    disposed_to,
    majalengka_report,
    report_url,
    state,
)
from tuntas.reports.models import Status


@pytest.mark.parametrize(
    "path", ["/petugas/", "/petugas/input/", "/petugas/laporan/LPR-0000-AAAAAA/"]
)
def test_anonymous_visitor_is_sent_to_login(demo, path):
    response = client_for(None).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert "next=" in response["Location"]


def test_citizen_gets_403_on_every_staff_page(demo):
    report = make_report(demo, Status.SUBMITTED)
    citizen = client_for(demo.users["warga"])
    for path in ["/petugas/", "/petugas/input/", report_url(report)]:
        response = citizen.get(path)
        assert response.status_code == 403
        assert "Akses ditolak" in response.content.decode()
    before = state(report)
    assert citizen.post(action_url(report, "verify"), {}).status_code == 403
    assert state(report) == before


@pytest.mark.parametrize(
    "username",
    [
        "kapuas.pupr.penghubung",
        "kapuas.pupr.staf",
        "majalengka.koordinator",
        "bangkalan.dishub.admin",
    ],
)
def test_report_outside_scope_is_404(demo, username):
    kapuas_disdik = disposed_to(demo, "kapuas-disdik")
    client = client_for(demo.users[username])
    assert client.get(report_url(kapuas_disdik)).status_code == 404
    assert client.post(action_url(kapuas_disdik, "accept")).status_code == 404


def test_liaison_officer_cannot_open_another_pemdas_report(demo):
    report = majalengka_report(demo)
    client = client_for(demo.users["kapuas.pupr.penghubung"])
    assert client.get(report_url(report)).status_code == 404


def test_unknown_report_and_unknown_action_are_404(demo):
    report = make_report(demo, Status.SUBMITTED)
    client = client_for(demo.users["kapuas.koordinator"])
    assert client.get("/petugas/laporan/LPR-0000-XXXXXX/").status_code == 404
    assert client.post(action_url(report, "explode")).status_code == 404
    # A reporter-only action has no staff form either.
    assert client.post(action_url(report, "clarify")).status_code == 404


def test_action_url_refuses_get(demo):
    report = make_report(demo, Status.SUBMITTED)
    client = client_for(demo.users["kapuas.koordinator"])
    assert client.get(action_url(report, "verify")).status_code == 405


@pytest.mark.parametrize(
    "username", ["kapuas.pupr.penghubung", "kapuas.pupr.staf", "kapuas.kasi", "nasional"]
)
def test_staff_without_an_intake_role_gets_403_on_intake(demo, username):
    response = client_for(demo.users[username]).get("/petugas/input/")
    assert response.status_code == 403
