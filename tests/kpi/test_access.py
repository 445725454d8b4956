"""Who may open the KPI pages and the API, and what each one sees."""

from __future__ import annotations

import pytest

from tests.conftest import client_for
from tests.kpi.conftest import PERIOD
from tuntas.demo.builder import Demo
from tuntas.reports.models import Report

PAGES = ["/petugas/kinerja/", "/petugas/kinerja/kepatuhan/", "/petugas/kinerja/ekspor/csv/"]
APIS = ["/api/kpi/summary/", "/api/kpi/compliance/"]


@pytest.mark.parametrize("url", PAGES)
def test_citizens_and_division_staff_are_refused(demo: Demo, url: str) -> None:
    assert client_for(demo.users["warga"]).get(url).status_code == 403
    assert client_for(demo.users["kapuas.pupr.staf"]).get(url).status_code == 403
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and "/akun/" in anonymous["Location"]


@pytest.mark.parametrize("url", APIS)
def test_api_refuses_citizens_and_anonymous(demo: Demo, url: str) -> None:
    response = client_for(demo.users["warga"]).get(url)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert client_for(None).get(url).status_code in (401, 403)


def test_agency_sees_only_its_own_reports(demo: Demo, world: dict[str, Report]) -> None:
    client = client_for(demo.users["kapuas.pupr.penghubung"])
    response = client.get("/petugas/kinerja/", PERIOD)
    assert response.status_code == 200
    board = response.context["board"]
    assert board.summary.total == 3  # r1 r2 r4: PUPR is their lead agency
    assert [r.label for r in board.groups["agency"]] == ["Dinas PUPR Kapuas"]
    assert client.get("/api/kpi/summary/", PERIOD).json()["summary"]["total"] == 3


def test_agency_cannot_pick_another_agency(demo: Demo, world: dict[str, Report]) -> None:
    client = client_for(demo.users["kapuas.pupr.penghubung"])
    page = client.get("/petugas/kinerja/", {**PERIOD, "agency": "kapuas-disdik"})
    assert page.status_code == 400
    assert "di luar cakupan Anda" in page.content.decode()
    assert "board" not in page.context or page.context["board"] is None
    api = client.get("/api/kpi/summary/", {**PERIOD, "agency": "kapuas-disdik"})
    assert api.status_code == 400
    assert "agency" in api.json()["error"]["fields"]


def test_pemda_roles_see_their_pemda_only(demo: Demo, world: dict[str, Report]) -> None:
    apip = client_for(demo.users["kapuas.apip"]).get("/petugas/kinerja/", PERIOD)
    assert apip.status_code == 200
    assert apip.context["board"].summary.total == 5
    other = client_for(demo.users["kapuas.koordinator"]).get(
        "/petugas/kinerja/", {**PERIOD, "pemda": "majalengka"}
    )
    assert other.status_code == 400
    majalengka = client_for(demo.users["majalengka.koordinator"]).get("/petugas/kinerja/", PERIOD)
    assert majalengka.context["board"].summary.total == 1


def test_navigation_links_the_dashboard_for_those_who_may_see_it(demo: Demo) -> None:
    coordinator = client_for(demo.users["kapuas.koordinator"]).get("/petugas/")
    assert 'href="/petugas/kinerja/"' in coordinator.content.decode()
    staff = client_for(demo.users["kapuas.pupr.staf"]).get("/petugas/")
    assert 'href="/petugas/kinerja/"' not in staff.content.decode()
