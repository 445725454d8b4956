"""Helpers for the oversight tests: reports in the last ended quarter, a Kadis persona."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from tests.reports.helpers import make_report, report_input
from tuntas.demo.builder import Demo
from tuntas.organisations.models import Membership, Role
from tuntas.oversight.periods import last_ended_quarter, quarter_period
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status


def past_quarter(demo: Demo, now: datetime | None = None) -> tuple[int, int, datetime]:
    """(year, quarter, a moment ten days into it) for the last quarter that has ended."""
    pemda = demo.orgs["kapuas"]
    year, quarter = last_ended_quarter(pemda, now or timezone.now())
    start = quarter_period(pemda, year, quarter).start
    return year, quarter, start + timedelta(days=10, hours=9)


def quarter_reports(demo: Demo) -> tuple[int, int, list[Report]]:
    """Three Kapuas reports in the last ended quarter: closed, followed up, and one
    named (not anonymous) report still waiting for verification."""
    year, quarter, moment = past_quarter(demo)
    closed = make_report(demo, Status.CLOSED, now=moment)
    followed = make_report(demo, Status.FOLLOWED_UP, now=moment + timedelta(days=1))
    named = actions.submit_report(
        report_input(
            demo,
            title="Sampah menumpuk di pasar",
            is_anonymous=False,
            reporter_name="Siti Pelapor",
            reporter_email="siti@contoh.invalid",
        ),
        actor=Actor.reporter(None),
        now=moment + timedelta(days=2),
    ).report
    return year, quarter, [closed, followed, named]


def kadis(demo: Demo) -> None:
    """Make sure the Kepala Dinas Kominfo persona holds its role (the demo adds it)."""
    user = demo.users["kapuas.kadiskominfo"]
    Membership.objects.get_or_create(
        user=user, organisation=demo.orgs["kapuas-diskominfo"], role=Role.AGENCY_HEAD
    )
