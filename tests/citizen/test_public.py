from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import client_for
from tests.reports.helpers import make_report, report_input
from tuntas.reference.models import Category
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status

LIST = "/laporan-publik/"


def public(report: Report, *, anonymous: bool = True) -> Report:
    """Make a report non-rahasia (test setup; in real life the reporter or verifier sets it)."""
    Report.objects.filter(pk=report.pk).update(is_confidential=False, is_anonymous=anonymous)
    report.refresh_from_db()
    return report


def test_the_list_shows_public_reports_and_hides_rahasia_and_unverified_ones(demo):
    shown = public(make_report(demo, Status.VERIFIED))
    rahasia = make_report(demo, Status.VERIFIED)
    unverified = public(make_report(demo, Status.SUBMITTED))
    archived = public(make_report(demo, Status.ARCHIVED))
    response = client_for(None).get(LIST)
    assert response.status_code == 200
    ids = [r.tracking_id for r in response.context["reports"]]
    assert ids == [shown.tracking_id]
    html = response.content.decode()
    for hidden in (rahasia, unverified, archived):
        assert hidden.tracking_id not in html


def test_the_public_never_sees_the_reporter_even_when_not_anonymous(demo):
    account = public(make_report(demo, Status.FOLLOWED_UP), anonymous=False)
    typed = actions.submit_report(
        report_input(
            demo,
            reporter_name="Joko Pelapor",
            reporter_nik="6203010101900001",
            reporter_phone="081299998888",
            reporter_email="joko@example.com",
            is_anonymous=False,
            is_confidential=False,
        ),
        actor=Actor.reporter(None),
    ).report
    actions.verify_report(typed, actor=Actor(user=demo.users["kapuas.koordinator"]))
    client = client_for(None)
    pages = [
        client.get(LIST).content.decode(),
        client.get(reverse("citizen:public_detail", args=[account.tracking_id])).content.decode(),
        client.get(reverse("citizen:public_detail", args=[typed.tracking_id])).content.decode(),
        client.get("/").content.decode(),
    ]
    for html in pages:
        for secret in ("Siti Rahmawati", "Joko", "6203010101900001", "081299998888", "joko@"):
            assert secret not in html
    assert typed.tracking_id in pages[0] and account.tracking_id in pages[0]


def test_filters_by_pemda_category_and_status(demo):
    verified = public(make_report(demo, Status.VERIFIED))
    followed = public(make_report(demo, Status.FOLLOWED_UP))
    client = client_for(None)

    def ids(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200
        return {r.tracking_id for r in response.context["reports"]}

    assert ids(status="followed_up") == {followed.tracking_id}
    assert ids(pemda=demo.orgs["kapuas"].pk) == {verified.tracking_id, followed.tracking_id}
    assert ids(pemda=demo.orgs["majalengka"].pk) == set()
    road = Category.objects.get(name="Jalan rusak")
    assert ids(category=road.pk) == {verified.tracking_id, followed.tracking_id}
    assert ids(category=road.parent_id) == {verified.tracking_id, followed.tracking_id}
    assert ids(category=Category.objects.get(name="Sampah").pk) == set()


@pytest.mark.parametrize("params", [{"status": "submitted"}, {"pemda": "abc"}, {"category": "0"}])
def test_a_bad_filter_is_a_400_with_a_message(demo, params):
    response = client_for(None).get(LIST, params)
    assert response.status_code == 400
    assert response.context["form"].errors


def test_the_list_is_paginated_by_20(demo):
    for _ in range(21):
        report = actions.submit_report(
            report_input(demo, is_confidential=False), actor=Actor.reporter(demo.users["warga"])
        ).report
        actions.verify_report(report, actor=Actor(user=demo.users["kapuas.koordinator"]))
    client = client_for(None)
    first = client.get(LIST)
    assert len(first.context["reports"]) == 20
    assert "page=2" in first.content.decode()
    second = client.get(LIST, {"page": 2})
    assert len(second.context["reports"]) == 1


def test_the_public_detail_shows_the_public_timeline_and_followups(demo):
    report = make_report(demo, Status.FOLLOWED_UP)
    actions.reply_not_satisfied(
        report, actor=actions.Actor(user=demo.users["warga"]), comment="Saya Siti, masih rusak"
    )
    public(report)
    response = client_for(None).get(reverse("citizen:public_detail", args=[report.tracking_id]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jalan telah ditambal" in html
    assert "Sampaikan tindak lanjut" in html
    assert "Ajukan rumusan tindak lanjut" not in html  # staff only
    assert "Saya Siti" not in html  # the reporter's own words stay private
    for name in ("Dewi", "Agus", "Yanti", "Hendra", "Rudi"):
        assert name not in html


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ON_HOLD, Status.ARCHIVED])
def test_the_public_detail_of_a_non_public_status_is_404(demo, status):
    report = public(make_report(demo, status))
    response = client_for(None).get(reverse("citizen:public_detail", args=[report.tracking_id]))
    assert response.status_code == 404


def test_the_public_detail_of_a_rahasia_report_is_404_even_for_its_reporter(demo):
    report = make_report(demo, Status.VERIFIED)
    response = client_for(demo.users["warga"]).get(
        reverse("citizen:public_detail", args=[report.tracking_id])
    )
    assert response.status_code == 404


def test_the_home_page_lists_recent_public_reports(demo):
    shown = public(make_report(demo, Status.VERIFIED))
    hidden = make_report(demo, Status.VERIFIED)
    html = client_for(None).get("/").content.decode()
    assert shown.tracking_id in html
    assert hidden.tracking_id not in html


def test_staff_notes_reach_neither_the_reporter_nor_the_public(demo):
    report = make_report(demo, Status.VERIFIED)
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        agencies=[demo.orgs["kapuas-pupr"]],
        lead=demo.orgs["kapuas-pupr"],
        instructions="Pelapor Siti minta segera ditangani",
    )
    public(report)
    public_html = (
        client_for(None)
        .get(reverse("citizen:public_detail", args=[report.tracking_id]))
        .content.decode()
    )
    assert "Disposisi ke OPD" in public_html
    assert "Pelapor Siti" not in public_html
    own_html = (
        client_for(demo.users["warga"])
        .get(reverse("citizen:report", args=[report.tracking_id]))
        .content.decode()
    )
    assert "Disposisi ke OPD" in own_html
    assert "Pelapor Siti minta segera ditangani" not in own_html
