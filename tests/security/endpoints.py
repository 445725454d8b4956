"""Every endpoint that takes a file, on the web and in the API, ready to post to.

Each ``Endpoint.prepare(demo)`` builds what the endpoint needs (a report in the right
status, a signed-in persona) and answers the client, the URL, the other fields and the
name of the file field. Adding an upload path to Tuntas means adding it here: the
hostile corpus is then posted to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import token_for
from tests.citizen.helpers import give_access_code
from tests.citizen.test_submit import form_data as citizen_form
from tests.conftest import client_for
from tests.reports.helpers import make_report
from tests.staff.test_intake import form_data as intake_form
from tuntas.demo.builder import Demo
from tuntas.reports.models import Status


@dataclass(frozen=True)
class Target:
    client: Client | APIClient
    url: str
    data: dict[str, Any]
    file_field: str
    api: bool
    success: int  # the status a good post answers


@dataclass(frozen=True)
class Endpoint:
    id: str
    prepare: Callable[[Demo], Target]


def _api(demo: Demo, username: str | None) -> APIClient:
    client = APIClient()
    if username is not None:
        # Staff with a required second factor give its code (tests/api/conftest.py).
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(username)}")
    return client


def _yesterday() -> str:
    return (timezone.localdate() - timedelta(days=1)).isoformat()


FIELD_CHECK = {
    "location": "Jl. Tambun Bungai km 3",
    "findings": "Lubang 1 x 2 m, kedalaman 30 cm.",
    "conclusion": "Perlu penambalan segera.",
    "ba_number": "BA/PUPR/2026/017",
}
API_SUBMISSION = {
    "title": "Sampah menumpuk di pasar",
    "description": "Sampah di Pasar Kapuas Hilir tidak diangkut sejak lima hari, bau sekali.",
    "classification": "complaint",
    "pemda": "kapuas",
    "reporter_phone": "0812 9999 0000",
}
API_INTAKE = {
    "title": "Banjir di Jl. Pemuda",
    "description": "Laporan via WhatsApp: drainase tersumbat, air setinggi lutut.",
    "classification": "complaint",
    "channel": "whatsapp",
}


def _web_submit(demo: Demo) -> Target:
    data = citizen_form(demo)
    return Target(client_for(None), "/lapor/", data, "attachments", False, 302)


def _web_complete(demo: Demo) -> Target:
    report = make_report(demo, Status.ON_HOLD)
    url = f"/laporan/{report.tracking_id}/lengkapi/"
    data = {"details": "Lokasi tepatnya di depan SDN 1 Selat, sisi utara."}
    return Target(client_for(demo.users["warga"]), url, data, "attachments", False, 302)


def _web_clarify(demo: Demo) -> Target:
    report = make_report(demo, Status.AWAITING_CLARIFICATION)
    url = f"/laporan/{report.tracking_id}/klarifikasi/"
    data = {"answer": "Lubangnya sekitar satu meter, di lajur kiri."}
    return Target(client_for(demo.users["warga"]), url, data, "attachments", False, 302)


def _web_field_check(field: str) -> Callable[[Demo], Target]:
    def prepare(demo: Demo) -> Target:
        report = make_report(demo, Status.IN_DIVISION)
        url = f"/petugas/laporan/{report.tracking_id}/aksi/record_field_check/"
        data = {**FIELD_CHECK, "visited_on": _yesterday()}
        return Target(client_for(demo.users["kapuas.pupr.staf"]), url, data, field, False, 302)

    return prepare


def _web_draft(demo: Demo) -> Target:
    report = make_report(demo, Status.IN_DIVISION)
    url = f"/petugas/laporan/{report.tracking_id}/aksi/submit_draft/"
    data = {"body": "Jalan sudah ditambal oleh Bidang Bina Marga pada hari Senin."}
    return Target(client_for(demo.users["kapuas.pupr.staf"]), url, data, "attachments", False, 302)


def _web_intake(demo: Demo) -> Target:
    client = client_for(demo.users["kapuas.koordinator"])
    return Target(client, "/petugas/input/", intake_form(), "attachments", False, 302)


def _web_evaluation(demo: Demo) -> Target:
    data = {
        "pemda": demo.orgs["kapuas"].pk,
        "kind": "site_visit",
        "title": "Kunjungan ke Jalan Mawar",
        "held_on": _yesterday(),
        "place": "Jalan Mawar",
        "participants": "Tim Pengaduan",
        "minutes": "Lubang sudah ditambal.",
        "agencies": [demo.orgs["kapuas-pupr"].pk],
    }
    client = client_for(demo.users["kapuas.kabid"])
    return Target(client, "/petugas/pengawasan/monev/baru/", data, "attachments", False, 302)


def _api_submit(demo: Demo) -> Target:
    return Target(_api(demo, None), "/api/reports/", dict(API_SUBMISSION), "attachments", True, 201)


def _api_complete(demo: Demo) -> Target:
    report = make_report(demo, Status.ON_HOLD)
    client = _api(demo, None)
    client.credentials(HTTP_X_ACCESS_CODE=give_access_code(report))
    url = f"/api/reports/{report.tracking_id}/complete/"
    return Target(
        client, url, {"details": "Lokasi tepatnya di depan SDN 1."}, "attachments", True, 200
    )


def _api_clarify(demo: Demo) -> Target:
    report = make_report(demo, Status.AWAITING_CLARIFICATION)
    url = f"/api/reports/{report.tracking_id}/clarify/"
    data = {"answer": "Lubangnya sekitar satu meter."}
    return Target(_api(demo, "warga"), url, data, "attachments", True, 200)


def _api_intake(demo: Demo) -> Target:
    client = _api(demo, "kapuas.koordinator")
    return Target(client, "/api/staff/reports/", dict(API_INTAKE), "attachments", True, 201)


def _api_field_check(field: str) -> Callable[[Demo], Target]:
    def prepare(demo: Demo) -> Target:
        report = make_report(demo, Status.IN_DIVISION)
        url = f"/api/staff/reports/{report.tracking_id}/actions/record_field_check/"
        data = {**FIELD_CHECK, "visited_on": _yesterday()}
        return Target(_api(demo, "kapuas.pupr.staf"), url, data, field, True, 200)

    return prepare


def _api_draft(demo: Demo) -> Target:
    report = make_report(demo, Status.IN_DIVISION)
    url = f"/api/staff/reports/{report.tracking_id}/actions/submit_draft/"
    data = {"body": "Jalan sudah ditambal oleh Bidang Bina Marga pada hari Senin."}
    return Target(_api(demo, "kapuas.pupr.staf"), url, data, "attachments", True, 200)


ENDPOINTS = [
    Endpoint("web-submit", _web_submit),
    Endpoint("web-complete", _web_complete),
    Endpoint("web-clarify", _web_clarify),
    Endpoint("web-field-check-photos", _web_field_check("photos")),
    Endpoint("web-field-check-official-record", _web_field_check("official_record")),
    Endpoint("web-draft", _web_draft),
    Endpoint("web-intake", _web_intake),
    Endpoint("web-evaluation", _web_evaluation),
    Endpoint("api-submit", _api_submit),
    Endpoint("api-complete", _api_complete),
    Endpoint("api-clarify", _api_clarify),
    Endpoint("api-intake", _api_intake),
    Endpoint("api-field-check-photos", _api_field_check("photos")),
    Endpoint("api-draft", _api_draft),
]
