from __future__ import annotations

import pytest

from tests.conftest import client_for
from tests.reports.helpers import make_report
from tuntas.audit.models import AuditEvent
from tuntas.reference.models import Channel
from tuntas.reports.models import Status

PAGES = [
    "organisations/organisation",
    "organisations/membership",
    "reference/classification",
    "reference/category",
    "reference/channel",
    "reference/region",
    "standards/servicestandard",
    "workdays/calendaradjustment",
    "workdays/workschedule",
    "reports/report",
    "audit/auditevent",
    "outbox/outboxmessage",
    "accounts/user",
]


@pytest.mark.parametrize("page", PAGES)
def test_it_lists_every_editable_model(demo, page):
    response = client_for(demo.users["nasional"]).get(f"/admin/{page}/")
    assert response.status_code == 200


def test_it_refuses_the_admin_to_non_superusers(demo):
    response = client_for(demo.users["kapuas.koordinator"]).get("/admin/reports/report/")
    assert response.status_code == 302


def test_reports_are_read_only_in_the_admin(demo):
    report = make_report(demo, Status.VERIFIED)
    client = client_for(demo.users["nasional"])
    page = client.get(f"/admin/reports/report/{report.pk}/change/")
    assert page.status_code == 200
    assert b'name="status"' not in page.content
    response = client.post(f"/admin/reports/report/{report.pk}/change/", {"status": "closed"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == Status.VERIFIED


def test_an_admin_change_writes_an_audit_event(demo):
    channel = Channel.objects.get(code="sms")
    client = client_for(demo.users["nasional"])
    response = client.post(
        f"/admin/reference/channel/{channel.pk}/change/",
        {"code": "sms", "name": "SMS 1708", "is_outside_system": "on", "order": 4},
    )
    assert response.status_code == 302
    channel.refresh_from_db()
    assert channel.name == "SMS 1708"
    event = AuditEvent.objects.get(action="admin_change")
    assert event.actor == demo.users["nasional"]
    assert event.data["model"] == "reference.Channel"


@pytest.mark.parametrize(
    ("language", "header", "apps"),
    [
        ("id", "Tuntas · Administrasi", ["Laporan", "Pesan keluar", "Kalender kerja"]),
        ("en", "Tuntas · Administration", ["Report", "Outgoing messages", "Work calendar"]),
    ],
)
def test_the_admin_carries_tuntas_s_name_and_names_its_sections(demo, language, header, apps):
    from django.conf import settings

    client = client_for(demo.users["nasional"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/admin/").content.decode()
    assert f'<div id="site-name"><a href="/admin/">{header}</a></div>' in page
    assert "Django administration" not in page and "Administrasi Django" not in page
    assert 'rel="icon"' in page
    for name in apps:
        assert f">{name}</a>" in page, name
    for english in ("Reports</a>", "Outbox</a>", "Workdays</a>") if language == "id" else ():
        assert english not in page
