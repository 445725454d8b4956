from __future__ import annotations

from django.urls import reverse

from tests.citizen.helpers import CODE, give_access_code, url
from tests.conftest import client_for
from tests.reports.helpers import make_report
from tuntas.citizen.proof import SESSION_KEY
from tuntas.reports.models import Status

TRACK = "/lacak/"
GENERIC = "Nomor pelacakan atau kode akses tidak cocok"


def test_the_right_code_opens_the_report(demo):
    report = make_report(demo, Status.SUBMITTED)
    give_access_code(report)
    client = client_for(None)
    response = client.post(TRACK, {"tracking_id": report.tracking_id, "access_code": CODE})
    assert response.status_code == 302
    assert response["Location"] == url("report", report)
    assert client.session[SESSION_KEY] == [report.tracking_id]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert report.title in page.content.decode()


def test_codes_are_accepted_in_lower_case_and_with_spaces(demo):
    report = make_report(demo, Status.SUBMITTED)
    give_access_code(report)
    response = client_for(None).post(
        TRACK, {"tracking_id": f" {report.tracking_id.lower()} ", "access_code": "kode 2345"}
    )
    assert response.status_code == 302


def test_a_wrong_code_and_an_unknown_id_get_the_same_answer(demo):
    report = make_report(demo, Status.SUBMITTED)
    give_access_code(report)
    client = client_for(None)
    wrong_code = client.post(TRACK, {"tracking_id": report.tracking_id, "access_code": "XXXX"})
    unknown_id = client.post(TRACK, {"tracking_id": "LPR-0000-NOPE", "access_code": CODE})
    for response in (wrong_code, unknown_id):
        assert response.status_code == 400
        assert GENERIC in response.content.decode()
    assert wrong_code.context["form"].errors == unknown_id.context["form"].errors
    assert SESSION_KEY not in client.session
    assert client.get(url("report", report)).status_code == 404


def test_an_empty_form_is_refused(demo):
    response = client_for(None).post(TRACK, {"tracking_id": "", "access_code": ""})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"tracking_id", "access_code"}


def test_wrong_attempts_are_rate_limited(demo):
    report = make_report(demo, Status.SUBMITTED)
    give_access_code(report)
    client = client_for(None)
    for _ in range(10):
        bad = client.post(TRACK, {"tracking_id": report.tracking_id, "access_code": "SALAH"})
        assert bad.status_code == 400
    limited = client.post(TRACK, {"tracking_id": report.tracking_id, "access_code": CODE})
    assert limited.status_code == 429
    assert "Terlalu banyak percobaan" in limited.content.decode()
    assert SESSION_KEY not in client.session
    # A fresh session from the same address is still limited.
    other = client_for(None)
    again = other.post(TRACK, {"tracking_id": report.tracking_id, "access_code": CODE})
    assert again.status_code == 429


def test_the_track_page_renders(demo):
    response = client_for(None).get(TRACK)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="id_tracking_id"' in html and 'for="id_access_code"' in html
    assert reverse("citizen:track") in html
