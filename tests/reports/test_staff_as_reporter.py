"""A staff member who files a report as a citizen (security issue, finding 4).

Filing a report gives its reporter the citizen view of it, never the staff view: the
staff page, the staff API, the export and the inbox see a report only through the
asker's staff scope. Inside that scope the staff page is the staff view, marked as the
asker's own report, and the asker may not handle it as staff (conflict of interest).
"""

from __future__ import annotations

from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests.conftest import client_for
from tests.reports.helpers import report_input
from tuntas.accounts.models import User
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo
from tuntas.organisations.models import Membership, Role
from tuntas.reports import actions
from tuntas.reports.access import available_actions, capacities, reports_visible_to
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status
from tuntas.reports.selectors import own_reports
from tuntas.reports.transitions import REPORTER, TABLE
from tuntas.staff.selectors import in_scope, needs_action

INSTRUCTIONS = "Catatan internal: pelapor ini kepala dinas di Kapuas, tangani hati-hati."


def api_for(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def filed_in_majalengka(demo: Demo, username: str) -> Report:
    """A Majalengka report filed by ``username``, verified and disposed with a note
    between staff (the disposition instructions)."""
    u, o = demo.users, demo.orgs
    report = actions.submit_report(
        report_input(demo, pemda="majalengka", category=None), actor=Actor.reporter(u[username])
    ).report
    actions.verify_report(report, actor=Actor(user=u["majalengka.koordinator"]))
    actions.dispose_report(
        report,
        actor=Actor(user=u["majalengka.koordinator"]),
        agencies=[o["majalengka-pupr"]],
        lead=o["majalengka-pupr"],
        instructions=INSTRUCTIONS,
    )
    report.refresh_from_db()
    return report


def staff_surfaces(client: Client, report: Report) -> dict[str, int]:
    tid = report.tracking_id
    return {
        "staff page": client.get(f"/petugas/laporan/{tid}/").status_code,
        "staff API": client.get(f"/api/staff/reports/{tid}/").status_code,
        "export": client.get(f"/petugas/ekspor/laporan/{tid}.csv").status_code,
    }


def test_out_of_scope_own_report_is_404_on_every_staff_surface(demo: Demo) -> None:
    kadis = demo.users["kapuas.pupr.kadis"]
    report = filed_in_majalengka(demo, "kapuas.pupr.kadis")
    client = client_for(kadis)
    assert staff_surfaces(client, report) == {"staff page": 404, "staff API": 404, "export": 404}
    listed = api_for(kadis).get("/api/staff/reports/").json()["results"]
    assert report.tracking_id not in [row["tracking_id"] for row in listed]
    assert report.tracking_id not in client.get("/petugas/").content.decode()
    assert not reports_visible_to(kadis).filter(pk=report.pk).exists()


def test_out_of_scope_own_report_is_the_citizen_view_on_the_citizen_surfaces(demo: Demo) -> None:
    kadis = demo.users["kapuas.pupr.kadis"]
    report = filed_in_majalengka(demo, "kapuas.pupr.kadis")
    assert list(own_reports(kadis)) == [report]
    page = client_for(kadis).get(f"/laporan/{report.tracking_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert report.title in html
    assert INSTRUCTIONS not in html
    assert "Asep Admin Kabupaten Majalengka" not in html
    body = api_for(kadis).get(f"/api/reports/{report.tracking_id}/")
    assert body.status_code == 200
    data = body.json()
    assert "assignments" not in data and "clocks" not in data
    assert INSTRUCTIONS not in str(data)
    assert "Asep Admin Kabupaten Majalengka" not in str(data)
    mine = api_for(kadis).get("/api/reports/mine/").json()["results"]
    assert [row["tracking_id"] for row in mine] == [report.tracking_id]


def test_own_report_in_scope_is_the_staff_view_marked_as_ones_own(demo: Demo) -> None:
    coordinator = demo.users["kapuas.koordinator"]
    report = actions.submit_report(report_input(demo), actor=Actor.reporter(coordinator)).report
    html = client_for(coordinator).get(f"/petugas/laporan/{report.tracking_id}/").content.decode()
    assert "Anda adalah pelapor laporan ini" in html
    assert "/aksi/" not in html  # no action form is offered
    body = api_for(coordinator).get(f"/api/staff/reports/{report.tracking_id}/").json()
    assert body["is_own_report"] is True
    assert body["available_actions"] == []
    assert body["capacities"] == []


def test_nobody_handles_their_own_report_as_staff(demo: Demo) -> None:
    coordinator = demo.users["kapuas.koordinator"]
    report = actions.submit_report(report_input(demo), actor=Actor.reporter(coordinator)).report
    assert capacities(coordinator, report) == {"reporter"}
    assert all(TABLE[a].actors == {REPORTER} for a in available_actions(coordinator, report))
    events = AuditEvent.objects.count()
    r = api_for(coordinator).post(
        f"/api/staff/reports/{report.tracking_id}/actions/verify/", {}, format="json"
    )
    assert r.status_code == 403, r.content
    assert r.json()["error"]["code"] == "permission_denied"
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and AuditEvent.objects.count() == events
    # A colleague with the same authority handles it, and sees who filed it.
    colleague = User.objects.create_user("kapuas.koordinator2", full_name="Rahmi Admin Kapuas")
    Membership.objects.create(
        user=colleague, organisation=demo.orgs["kapuas"], role=Role.COORDINATOR
    )
    page = client_for(colleague).get(f"/petugas/laporan/{report.tracking_id}/").content.decode()
    assert "Pelapor laporan ini adalah petugas:" in page
    assert "Admin Koordinator (Kab. Kapuas)" in page
    detail = api_for(colleague).get(f"/api/staff/reports/{report.tracking_id}/").json()
    assert detail["is_own_report"] is False
    assert "verify" in [a["action"] for a in detail["available_actions"]]


def test_the_inbox_does_not_ask_one_to_act_on_ones_own_report(demo: Demo) -> None:
    coordinator = demo.users["kapuas.koordinator"]
    report = actions.submit_report(report_input(demo), actor=Actor.reporter(coordinator)).report
    other = actions.submit_report(
        report_input(demo), actor=Actor.reporter(demo.users["warga"])
    ).report
    assert list(needs_action(coordinator)) == [other]
    assert set(in_scope(coordinator, {}, timezone.now())) == {report, other}


def test_a_liaison_who_files_a_report_is_not_sent_the_staff_notices_about_it(
    demo: Demo,
) -> None:
    """Disposed to the liaison's own agency: the coordinator's staff notices go out as
    usual, but the liaison hears of the report only as its reporter."""
    from tuntas.outbox.models import OutboxMessage

    liaison = demo.users["majalengka.pupr.penghubung"]
    report = filed_in_majalengka(demo, "majalengka.pupr.penghubung")
    staff_notices = OutboxMessage.objects.filter(
        report_id=report.pk, link__startswith="/petugas/laporan/"
    )
    assert staff_notices.filter(recipient=demo.users["majalengka.koordinator"]).exists()
    assert not staff_notices.filter(recipient=liaison).exists()


def test_ones_own_report_is_not_in_ones_staff_digest(demo: Demo) -> None:
    from datetime import timedelta

    from tuntas.outbox.models import DIGEST_EVENT, OutboxMessage
    from tuntas.reports.digest import queue_daily_digests
    from tuntas.reports.models import Clock
    from tuntas.reports.next_due import refresh_next_due

    report = filed_in_majalengka(demo, "majalengka.pupr.penghubung")
    now = timezone.now()
    Clock.objects.filter(report=report, stopped_at__isnull=True).update(
        due_at=now - timedelta(hours=1), paused_at=None
    )
    refresh_next_due(report)
    queue_daily_digests(now)
    mine = OutboxMessage.objects.filter(
        event=DIGEST_EVENT, recipient=demo.users["majalengka.pupr.penghubung"]
    ).first()
    assert mine is None or report.tracking_id not in mine.body
    coordinators = OutboxMessage.objects.get(
        event=DIGEST_EVENT, channel="in_app", recipient=demo.users["majalengka.koordinator"]
    )
    assert report.tracking_id in coordinators.body
