"""No staff member's name reaches a reporter or the public, on any surface, at any
status (security issue, finding 5, and the privacy rule of docs/architecture.md).

Reports are walked to every status through the real actions (``make_report``), plus
handovers whose notes between staff name a colleague (disposition instructions, a
returned disposition, a reopening): those notes must never leave the staff side. Then
every surface where a reporter or the public reads a report is asked, and no staff
user's full name or username may appear:

* the citizen pages (signed in, and by access code), "Laporan saya";
* the reporter API (account and ``X-Access-Code``), ``/api/reports/mine/``;
* the public list and page, the public API;
* Open311 (JSON and XML, list and one request);
* webhook payloads (the rows written while walking, and the builder on a public report);
* federation: the forwarding payload and the timeline sent to peers;
* the notifications written for the reporter (the outbox rows every channel sends,
  in-app included), and the notifications page;
* exports: the reporter gets none (403), the public statistics page.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db.models import Q
from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests.citizen.helpers import CODE, give_access_code, prove
from tests.conftest import client_for
from tests.reports.cells import module_data
from tests.reports.helpers import make_report
from tuntas.accounts.models import User
from tuntas.demo.builder import Demo, build_demo
from tuntas.federation.api import timeline_body
from tuntas.federation.payloads import report_payload as federation_payload
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import PUBLIC_STATUSES, Report, Status
from tuntas.webhooks.events import CODE_FIELDS, ReportSnapshot, envelope
from tuntas.webhooks.events import report_payload as webhook_payload
from tuntas.webhooks.models import EventType, WebhookSubscription

COLLEAGUE = "Agus Pejabat Penghubung PUPR"  # named in notes between staff below
REPORTER_NAME = "Siti Rahmawati"  # warga, who files every report here


@dataclass
class Scene:
    demo: Demo
    reports: dict[str, int]  # name -> report id


def _handovers(demo: Demo) -> dict[str, Report]:
    """Reports whose notes between staff name a colleague."""
    u, o = demo.users, demo.orgs
    noted = make_report(demo, Status.VERIFIED)
    actions.dispose_report(
        noted,
        actor=Actor(user=u["kapuas.koordinator"]),
        agencies=[o["kapuas-pupr"]],
        lead=o["kapuas-pupr"],
        instructions=f"Mohon {COLLEAGUE} (kapuas.pupr.penghubung) segera cek.",
    )
    returned = make_report(demo, Status.DISPOSED)
    actions.return_disposition(
        returned,
        actor=Actor(user=u["kapuas.pupr.penghubung"]),
        reason=f"Kata {COLLEAGUE}: bukan PUPR.",
    )
    reopened = make_report(demo, Status.CLOSED)
    actions.reopen_report(
        reopened,
        actor=Actor(user=u["kapuas.koordinator"]),
        reason=f"{COLLEAGUE} belum menambal semua.",
    )
    return {"disposed-with-note": noted, "returned": returned, "reopened": reopened}


def build_scene() -> Scene:
    demo = build_demo()
    now = timezone.now()
    WebhookSubscription.objects.create(
        organisation=demo.orgs["national"],
        url="https://hooks.example.org/tuntas",
        secret="whsec_test-secret",
        events=list(EventType.values),
        is_active=True,
        created_at=now,
        updated_at=now,
    )
    reports = {str(status): make_report(demo, status) for status in Status}
    reports.update(_handovers(demo))
    # Shown on the public list too (rahasia is the default): test setup only.
    Report.objects.filter(pk__in=[r.pk for r in reports.values()]).update(is_confidential=False)
    return Scene(demo=demo, reports={name: r.pk for name, r in reports.items()})


@pytest.fixture(scope="module")
def _module_scene(django_db_setup: None, django_db_blocker: Any) -> Iterator[Scene]:
    yield from module_data(django_db_blocker, build_scene)


@pytest.fixture
def scene(_module_scene: Scene, db: None) -> Scene:
    return _module_scene


def forbidden() -> dict[str, re.Pattern[str]]:
    """Every staff member's full name and username (usernames that are ordinary words,
    "nasional" and "ombudsman", are covered by their full names)."""
    staff = User.objects.filter(memberships__isnull=False).distinct()
    out: dict[str, re.Pattern[str]] = {}
    for user in staff:
        out[user.display_name] = re.compile(re.escape(user.display_name))
        if "." in user.username:
            out[user.username] = re.compile(rf"(?<![\w.]){re.escape(user.username)}(?![\w])")
    return out


def assert_no_staff_names(surface: str, text: str) -> None:
    for name, pattern in forbidden().items():
        assert not pattern.search(text), f"{name!r} on {surface}"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _get(client: Client | APIClient, url: str, status: int = 200, **headers: Any) -> str:
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code)
    return str(response.content.decode())


def api_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


REPORT_NAMES = [str(s) for s in Status] + ["disposed-with-note", "returned", "reopened"]


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_the_reporter_reads_no_staff_name(scene: Scene, name: str) -> None:
    report = Report.objects.get(pk=scene.reports[name])
    tid = report.tracking_id
    warga = scene.demo.users["warga"]
    code = give_access_code(report)
    by_code = Client()
    prove(by_code, report, CODE)
    surfaces = {
        "citizen page": _get(client_for(warga), f"/laporan/{tid}/"),
        "citizen page by code": _get(by_code, f"/laporan/{tid}/"),
        "Laporan saya": _get(client_for(warga), "/laporan-saya/"),
        "reporter API": _get(api_for(warga), f"/api/reports/{tid}/"),
        "reporter API by code": _get(
            api_for(None), f"/api/reports/{tid}/", HTTP_X_ACCESS_CODE=code
        ),
        "reporter API, mine": _get(api_for(warga), "/api/reports/mine/"),
        "notifications page": _get(client_for(warga), "/akun/notifikasi/"),
        "staff export refused": _get(
            client_for(warga), f"/petugas/ekspor/laporan/{tid}.csv", status=403
        ),
    }
    addresses = [a for a in (warga.email, warga.phone) if a]
    told = OutboxMessage.objects.filter(
        Q(recipient=warga) | Q(address__in=addresses), report=report
    )
    surfaces["notifications sent"] = _json(list(told.values("subject", "body", "link")))
    # The in-app notification is made from the row when it is sent. Filing it oneself
    # tells nobody but the staff.
    assert told.exists() == (name != Status.SUBMITTED)
    for surface, text in surfaces.items():
        assert_no_staff_names(surface, text)
    # The reporter does read their report there (the walk is not vacuous).
    assert report.title in surfaces["citizen page"] and tid in surfaces["reporter API"]


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_the_public_and_machines_read_no_staff_name(scene: Scene, name: str) -> None:
    report = Report.objects.get(pk=scene.reports[name])
    tid = report.tracking_id
    anyone = Client()
    found = 200 if report.status in PUBLIC_STATUSES else 404
    surfaces = {
        "public page": _get(anyone, f"/laporan-publik/{tid}/", status=found),
        "public list": _get(anyone, "/laporan-publik/"),
        "public API": _get(api_for(None), f"/api/public/reports/{tid}/", status=found),
        "public API list": _get(api_for(None), "/api/public/reports/?limit=200"),
        "Open311 JSON": _get(anyone, "/open311/v2/requests.json?jurisdiction_id=kapuas"),
        "Open311 XML": _get(anyone, "/open311/v2/requests.xml?jurisdiction_id=kapuas"),
        "Open311 request": _get(
            anyone, f"/open311/v2/requests/{tid}.json?jurisdiction_id=kapuas", status=found
        ),
        "public statistics": _get(anyone, "/statistik/"),
        "federation payload": _json(federation_payload(report, note="")),
        "federation timeline": _json(timeline_body(report)),
        "webhook rows": _json(
            list(
                OutboxMessage.objects.filter(
                    channel=DeliveryChannel.WEBHOOK, report=report
                ).values_list("body", flat=True)
            )
        ),
    }
    codes = Report.objects.filter(pk=report.pk).values(*CODE_FIELDS).get()
    payload = webhook_payload(ReportSnapshot.of(report), codes)
    surfaces["webhook payload builder"] = envelope(
        uuid.UUID(int=1), "report.closed", timezone.now(), "close", payload
    )
    for surface, text in surfaces.items():
        assert_no_staff_names(surface, text)
        assert REPORTER_NAME not in text, surface
    if found == 200:  # the public does read the report there (the walk is not vacuous)
        assert report.title in surfaces["public page"]
        assert tid in surfaces["Open311 JSON"]
