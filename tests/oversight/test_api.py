"""/api/oversight/: the same chain and the same refusals as the pages, as JSON."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.oversight.helpers import past_quarter, quarter_reports
from tuntas.demo.builder import Demo
from tuntas.oversight.models import QuarterlyReport, QuarterlyState

pytestmark = pytest.mark.django_db


def client(demo: Demo, username: str) -> APIClient:
    api = APIClient()
    api.force_authenticate(demo.users[username])
    return api


def test_the_chain_through_the_api(demo: Demo) -> None:
    year, quarter, _reports = quarter_reports(demo)
    koordinator = client(demo, "kapuas.koordinator")
    kasi = client(demo, "kapuas.kasi")
    body = {"pemda": "kapuas", "year": year, "quarter": quarter, "notes": "API"}
    assert kasi.post("/api/oversight/quarterly/", body, format="json").status_code == 403
    created = koordinator.post("/api/oversight/quarterly/", body, format="json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["totals"]["received"] == 3 and data["your_moves"] == ["submit"]
    url = f"/api/oversight/quarterly/{data['id']}/"

    assert koordinator.post(url + "moves/submit/", {}, format="json").status_code == 200
    again = koordinator.post(url + "moves/submit/", {}, format="json")
    assert again.status_code == 409 and again.json()["error"]["code"] == "wrong_state"
    no_note = kasi.post(url + "moves/return/", {"note": ""}, format="json")
    assert no_note.status_code == 400
    wrong_type = kasi.post(url + "moves/return/", {"note": 42}, format="json")
    assert wrong_type.status_code == 400
    assert (
        client(demo, "kapuas.kabid").post(url + "moves/initial/", {}, format="json").status_code
        == 403
    )
    answered = kasi.post(url + "moves/initial/", {"note": "OK"}, format="json")
    assert answered.status_code == 200
    assert answered.json()["signoffs"][-1]["name"] == "Lina Kasi Pengelolaan Aduan"
    assert kasi.post(url + "moves/compile/", {}, format="json").status_code == 404
    assert QuarterlyReport.objects.get().state == QuarterlyState.INITIALLED_SECTION

    other = client(demo, "majalengka.koordinator")
    assert other.get(url).status_code == 404
    assert other.post(url + "moves/initial/", {}, format="json").status_code == 404
    assert other.get("/api/oversight/quarterly/").json() == []
    assert client(demo, "kapuas.pupr.admin").get("/api/oversight/quarterly/").status_code == 403
    assert APIClient().get("/api/oversight/quarterly/").status_code in (401, 403)


def test_the_daily_recap_through_the_api(demo: Demo) -> None:
    quarter_reports(demo)
    _y, _q, moment = past_quarter(demo)
    kasi = client(demo, "kapuas.kasi")
    answer = kasi.get(f"/api/oversight/daily-recap/?organisation=kapuas&date={moment.date()}")
    assert answer.status_code == 200
    assert answer.json()["counts"]["received"] == 1
    assert kasi.get("/api/oversight/daily-recap/").status_code == 200
    assert kasi.get("/api/oversight/daily-recap/?date=kemarin").status_code == 400
    agency = client(demo, "kapuas.pupr.admin")
    assert agency.get("/api/oversight/daily-recap/?organisation=kapuas").status_code == 404
    assert agency.get("/api/oversight/daily-recap/").json()["organisation"] == "kapuas-pupr"
    assert client(demo, "warga").get("/api/oversight/daily-recap/").status_code == 403
