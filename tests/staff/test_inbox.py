"""The staff inbox: per-persona scope, 'needs me now', late reports, filters, pagination."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import client_for
from tests.reports.helpers import make_report, report_input
from tests.staff.helpers import body, disposed_to, majalengka_report
from tuntas.organisations.models import Membership, Role
from tuntas.reports import actions
from tuntas.reports.access import available_actions, reports_visible_to
from tuntas.reports.actions import Actor
from tuntas.reports.models import Status
from tuntas.reports.staff_view.timing import due_class
from tuntas.staff.selectors import needs_action
from tuntas.workdays.calendars import national_calendar

S = Status


def section(html: str, name: str) -> str:
    """The part of the inbox page under one heading (mine, late or all)."""
    order = ["mine-heading", "late-heading", "all-heading"]
    start = html.index(f'id="{name}-heading"')
    following = [html.index(f'id="{h}"') for h in order if html.index(f'id="{h}"') > start]
    return html[start : min(following) if following else len(html)]


def inbox(demo, username, query: str = "") -> str:
    response = client_for(demo.users[username]).get("/petugas/" + query)
    assert response.status_code == 200
    return body(response)


def test_liaison_officer_sees_own_agency_reports_only(demo):
    pupr = disposed_to(demo, "kapuas-pupr")
    disdik = disposed_to(demo, "kapuas-disdik")
    majalengka = majalengka_report(demo)
    waiting = make_report(demo, S.SUBMITTED)  # not disposed yet: not the agency's business
    html = inbox(demo, "kapuas.pupr.penghubung")
    assert pupr.tracking_id in section(html, "mine")
    assert pupr.tracking_id in section(html, "all")
    for other in (disdik, majalengka, waiting):
        assert other.tracking_id not in html


def test_division_staff_see_only_reports_disposed_to_their_division(demo):
    binamarga = make_report(demo, S.IN_DIVISION)
    accepted_only = make_report(demo, S.ACCEPTED)
    ciptakarya = make_report(demo, S.ACCEPTED)
    actions.dispose_internally(
        ciptakarya,
        actor=Actor(user=demo.users["kapuas.pupr.kadis"]),
        division=demo.orgs["kapuas-pupr-ciptakarya"],
    )
    html = inbox(demo, "kapuas.pupr.staf")
    assert binamarga.tracking_id in section(html, "mine")
    assert accepted_only.tracking_id not in html
    assert ciptakarya.tracking_id not in html


def test_coordinator_inbox_covers_the_whole_pemda_but_not_other_pemdas(demo):
    submitted = make_report(demo, S.SUBMITTED)
    verified = make_report(demo, S.VERIFIED)
    disposed = disposed_to(demo, "kapuas-disdik")
    majalengka = majalengka_report(demo)
    html = inbox(demo, "kapuas.koordinator")
    mine = section(html, "mine")
    assert submitted.tracking_id in mine and verified.tracking_id in mine
    assert disposed.tracking_id not in mine  # the agency has the next move
    assert disposed.tracking_id in section(html, "all")
    assert majalengka.tracking_id not in html


STATUSES = [
    S.SUBMITTED,
    S.ON_HOLD,
    S.NOT_IN_AUTHORITY,
    S.VERIFIED,
    S.DISPOSED,
    S.ACCEPTED,
    S.IN_DIVISION,
    S.AWAITING_CLARIFICATION,
    S.DRAFT_REVIEW,
    S.DRAFT_APPROVED,
    S.FOLLOWED_UP,
    S.CLOSED,
]
EXPECTED = {
    "kapuas.koordinator": {S.SUBMITTED, S.VERIFIED, S.FOLLOWED_UP},
    "kapuas.pupr.penghubung": {S.DISPOSED, S.DRAFT_REVIEW, S.DRAFT_APPROVED},
    "kapuas.pupr.admin": {S.DISPOSED, S.ACCEPTED, S.DRAFT_APPROVED},
    "kapuas.pupr.kadis": {S.ACCEPTED, S.DRAFT_REVIEW},
    "kapuas.pupr.staf": {S.IN_DIVISION},
    "nasional": {S.NOT_IN_AUTHORITY},
    "kapuas.kasi": set(),
    "kapuas.disdik.penghubung": set(),
}


@pytest.mark.parametrize("username", list(EXPECTED))
def test_needs_action_holds_exactly_the_reports_where_the_persona_moves_next(demo, username):
    reports = {status: make_report(demo, status) for status in STATUSES}
    user = demo.users[username]
    listed = list(needs_action(user))
    assert {r.status for r in listed} == EXPECTED[username]
    assert {r.pk for r in listed} == {reports[s].pk for s in EXPECTED[username]}
    for report in listed:
        assert available_actions(user, report), (username, report.status)
        assert reports_visible_to(user).filter(pk=report.pk).exists()


def test_supporting_agency_sees_a_pending_support_disposition_as_its_task(demo):
    report = make_report(demo, S.VERIFIED)
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        agencies=[demo.orgs["kapuas-pupr"], demo.orgs["kapuas-disdik"]],
        lead=demo.orgs["kapuas-pupr"],
    )
    html = inbox(demo, "kapuas.disdik.penghubung")
    assert report.tracking_id in section(html, "mine")


def test_late_reports_are_listed_with_the_overdue_class(demo):
    late = make_report(demo, S.SUBMITTED, now=timezone.now() - timedelta(days=40))
    fresh = make_report(demo, S.SUBMITTED)
    html = inbox(demo, "kapuas.koordinator")
    late_part = section(html, "late")
    assert late.tracking_id in late_part
    assert fresh.tracking_id not in late_part
    assert 'class="overdue"' in late_part
    assert "Verifikasi laporan" in late_part  # the step of the nearest open clock
    assert "WIB" in late_part  # shown in Jakarta local time


def test_due_class_marks_past_soon_and_later_deadlines():
    cal = national_calendar()
    now = timezone.now()
    assert due_class(now - timedelta(minutes=1), now, cal) == "overdue"
    assert due_class(now + timedelta(hours=3), now, cal) == "due-soon"
    assert due_class(now + timedelta(days=14), now, cal) == ""
    assert due_class(None, now, cal) == ""


def test_filters_narrow_the_full_list(demo):
    submitted = make_report(demo, S.SUBMITTED)
    verified = make_report(demo, S.VERIFIED)
    disdik = disposed_to(demo, "kapuas-disdik")
    html = section(inbox(demo, "kapuas.koordinator", "?status=verified"), "all")
    assert verified.tracking_id in html and submitted.tracking_id not in html
    html = section(inbox(demo, "kapuas.koordinator", f"?q={submitted.tracking_id}"), "all")
    assert submitted.tracking_id in html and verified.tracking_id not in html
    agency = demo.orgs["kapuas-disdik"].pk
    html = section(inbox(demo, "kapuas.koordinator", f"?agency={agency}"), "all")
    assert disdik.tracking_id in html and verified.tracking_id not in html
    html = section(inbox(demo, "kapuas.koordinator", "?mine=on"), "all")
    assert submitted.tracking_id in html and disdik.tracking_id not in html


def test_search_by_title(demo):
    report = actions.submit_report(
        report_input(demo, title="Jembatan gantung Desa Sei Tatas putus"),
        actor=Actor.reporter(demo.users["warga"]),
    ).report
    other = make_report(demo, S.SUBMITTED)
    html = section(inbox(demo, "kapuas.koordinator", "?q=jembatan+gantung"), "all")
    assert report.tracking_id in html and other.tracking_id not in html


def test_a_bad_filter_value_is_400_with_a_message(demo):
    response = client_for(demo.users["kapuas.koordinator"]).get("/petugas/?status=nonsense")
    assert response.status_code == 400
    assert 'class="errorlist' in body(response)


def test_pemda_filter_offers_only_the_users_pemdas(demo):
    html = inbox(demo, "kapuas.pupr.penghubung")
    filters = html[html.index('id="id_filter_pemda"') :]
    filters = filters[: filters.index("</select>")]
    assert "Kapuas" in filters and "Majalengka" not in filters


def test_full_list_is_paginated_by_25(demo):
    for i in range(27):
        actions.submit_report(
            report_input(demo, title=f"Laporan nomor {i:02d}"),
            actor=Actor.reporter(demo.users["warga"]),
        )
    first = section(inbox(demo, "kapuas.koordinator"), "all")
    second = section(inbox(demo, "kapuas.koordinator", "?page=2"), "all")
    assert first.count("/petugas/laporan/") == 25
    assert second.count("/petugas/laporan/") == 2
    assert "Halaman 1 dari 2" in first and "page=2" in first


def test_inbox_query_count_does_not_grow_with_the_number_of_reports(demo):
    client = client_for(demo.users["kapuas.koordinator"])
    for _ in range(2):
        make_report(demo, S.SUBMITTED)
        disposed_to(demo, "kapuas-pupr")
    client.get("/petugas/")  # warm caches (calendars, sessions)
    with CaptureQueriesContext(connection) as few:
        client.get("/petugas/")
    for _ in range(4):
        make_report(demo, S.SUBMITTED)
        disposed_to(demo, "kapuas-pupr")
    with CaptureQueriesContext(connection) as many:
        client.get("/petugas/")
    assert len(many) == len(few), [q["sql"][:150] for q in many.captured_queries]


def test_held_roles_are_shown_at_the_top(demo):
    html = inbox(demo, "kapuas.koordinator")
    top = html[: html.index('id="mine-heading"')]
    assert "Admin Koordinator" in top and "Pemantau" in top
    assert "Pemerintah Kabupaten Kapuas" in top


@pytest.mark.parametrize(
    ("username", "shown"),
    [
        ("kapuas.koordinator", True),
        ("kapuas.pupr.admin", True),
        ("kapuas.pupr.penghubung", False),
        ("kapuas.pupr.kadis", False),
        ("kapuas.pupr.staf", False),
        ("nasional", False),
    ],
)
def test_intake_link_is_shown_to_coordinators_and_liaison_admins_only(demo, username, shown):
    assert ('href="/petugas/input/"' in inbox(demo, username)) is shown


def test_person_with_roles_in_two_places_sees_both(demo):
    Membership.objects.create(
        user=demo.users["kapuas.pupr.penghubung"],
        organisation=demo.orgs["majalengka-disporbudpar"],
        role=Role.LIAISON_ADMIN,
    )
    report = majalengka_report(demo)
    actions.verify_report(report, actor=Actor(user=demo.users["majalengka.koordinator"]))
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["majalengka.koordinator"]),
        agencies=[demo.orgs["majalengka-disporbudpar"]],
        lead=demo.orgs["majalengka-disporbudpar"],
    )
    pupr = disposed_to(demo, "kapuas-pupr")
    mine = section(inbox(demo, "kapuas.pupr.penghubung"), "mine")
    assert report.tracking_id in mine and pupr.tracking_id in mine


def test_every_needs_action_cell_is_a_move_the_transition_table_allows():
    from tuntas.reports.transitions import TABLE
    from tuntas.staff.selectors import NEEDS_ACTION

    for role, statuses in NEEDS_ACTION.items():
        for status in statuses:
            assert any(role in row.actors and status in row.sources for row in TABLE.values()), (
                role,
                status,
            )
