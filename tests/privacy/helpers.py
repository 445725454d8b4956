"""Reports with personal data in every place Tuntas keeps it."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from django.test import Client
from PIL import Image

from tests.reports.helpers import make_report, report_input
from tuntas.demo.builder import Demo
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status
from tuntas.reports.uploads import CheckedFile

NAME = "Siti Rahmawati"
GUEST_NAME = "Bapak Darmawan"
GUEST_NIK = "6203011203850007"
GUEST_EMAIL = "darmawan@contoh.invalid"
GUEST_PHONE = "081234567890"
STAFF_NOTE = "Catatan internal: cek ke lapangan besok"


def png() -> CheckedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return CheckedFile(content_type="image/png", content=out.getvalue())


def reporter_report(demo: Demo) -> Report:
    """``warga``'s report in a division, disposed with internal instructions, with a
    question answered with a photo and a message from the reporter."""
    report = make_report(demo, Status.VERIFIED)
    u = demo.users
    actions.dispose_report(
        report,
        actor=Actor(user=u["kapuas.koordinator"]),
        agencies=[demo.orgs["kapuas-pupr"]],
        lead=demo.orgs["kapuas-pupr"],
        instructions=STAFF_NOTE,
    )
    actions.accept_disposition(report, actor=Actor(user=u["kapuas.pupr.penghubung"]))
    actions.dispose_internally(
        report,
        actor=Actor(user=u["kapuas.pupr.kadis"]),
        division=demo.orgs["kapuas-pupr-binamarga"],
    )
    actions.request_clarification(
        report, actor=Actor(user=u["kapuas.pupr.staf"]), question="Di sisi mana lubangnya?"
    )
    actions.clarify(
        report,
        actor=Actor(user=u["warga"]),
        answer="Sisi kiri, depan rumah saya",
        attachments=[png()],
    )
    actions.post_reporter_message(report, actor=Actor(user=u["warga"]), text="Makin parah, Pak")
    report.refresh_from_db()
    return report


@dataclass(frozen=True)
class GuestReport:
    report: Report
    access_code: str


def guest_report(demo: Demo) -> GuestReport:
    """A report filed without an account, with identity typed in, and a photo."""
    submitted = actions.submit_report(
        report_input(
            demo,
            reporter_name=GUEST_NAME,
            reporter_nik=GUEST_NIK,
            reporter_email=GUEST_EMAIL,
            reporter_phone=GUEST_PHONE,
            attachments=[png()],
        ),
        actor=Actor.reporter(None),
    )
    return GuestReport(submitted.report, submitted.access_code)


def proven(report: GuestReport) -> Client:
    """A browser that proved the report with its access code (/lacak/)."""
    client = Client()
    r = client.post(
        "/lacak/",
        {"tracking_id": report.report.tracking_id, "access_code": report.access_code},
    )
    assert r.status_code == 302, r.content
    return client


def unzip(content: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        files = {name: zf.read(name) for name in zf.namelist()}
    return json.loads(files.pop("data.json")), files
