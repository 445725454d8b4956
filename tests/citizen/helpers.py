"""Helpers for citizen tests: proving access codes, giving make_report's reports a code."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse

from tuntas.reports.models import Report

CODE = "KODE2345"


def give_access_code(report: Report, code: str = CODE) -> str:
    """make_report does not hand back the access code; set a known one (test setup only)."""
    Report.objects.filter(pk=report.pk).update(access_code_hash=make_password(code))
    return code


def prove(client: Client, report: Report, code: str = CODE) -> None:
    response = client.post(
        reverse("citizen:track"), {"tracking_id": report.tracking_id, "access_code": code}
    )
    assert response.status_code == 302, response.content.decode()[:500]


def url(name: str, report: Report, *args: object) -> str:
    return reverse(f"citizen:{name}", args=[report.tracking_id, *args])
