from __future__ import annotations

from django.urls import reverse

from tests.conftest import client_for
from tests.reports.helpers import make_report, report_input
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Status

MINE = "/laporan-saya/"


def test_it_asks_to_sign_in(demo):
    response = client_for(None).get(MINE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_lists_only_the_citizens_own_reports(demo):
    mine = make_report(demo, Status.FOLLOWED_UP)
    theirs = actions.submit_report(
        report_input(demo), actor=Actor.reporter(demo.users["warga2"])
    ).report
    response = client_for(demo.users["warga"]).get(MINE)
    assert response.status_code == 200
    html = response.content.decode()
    assert mine.tracking_id in html
    assert reverse("citizen:report", args=[mine.tracking_id]) in html
    assert theirs.tracking_id not in html


def test_an_empty_list_explains_tracking_by_code(demo):
    response = client_for(demo.users["warga2"]).get(MINE)
    assert response.status_code == 200
    assert reverse("citizen:track") in response.content.decode()
