"""Helpers for the staff page tests: reports in given places, uploads, POST shortcuts."""

from __future__ import annotations

import io
from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from tests.reports.helpers import make_report, report_input
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status


def disposed_to(demo: Demo, agency: str, *, now: datetime | None = None) -> Report:
    """A Kapuas report verified and disposed to ``agency`` (code)."""
    report = make_report(demo, Status.VERIFIED, now=now)
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        agencies=[demo.orgs[agency]],
        lead=demo.orgs[agency],
        now=now,
    )
    report.refresh_from_db()
    return report


def majalengka_report(demo: Demo) -> Report:
    return actions.submit_report(
        report_input(demo, pemda="majalengka", title="Lampu taman alun-alun mati"),
        actor=Actor.reporter(demo.users["warga2"]),
        now=timezone.now(),
    ).report


def action_url(report: Report, action: str) -> str:
    return f"/petugas/laporan/{report.tracking_id}/aksi/{action}/"


def report_url(report: Report) -> str:
    return f"/petugas/laporan/{report.tracking_id}/"


def state(report: Report) -> tuple[str, int]:
    """The report's status and number of audit events, to assert nothing changed."""
    report.refresh_from_db()
    return report.status, AuditEvent.objects.filter(report=report).count()


def png(name: str = "foto.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def fake_jpg() -> SimpleUploadedFile:
    return SimpleUploadedFile("foto.jpg", b"not really a picture", content_type="image/jpeg")


def body(response) -> str:
    return str(response.content.decode())


def post(client: Client, report: Report, action: str, data: dict[str, object] | None = None):
    return client.post(action_url(report, action), data or {})
