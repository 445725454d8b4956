"""The oversight demo data: reports in the last quarter that has ended, made through the
actions, and loaded only once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tuntas.demo.builder import Demo
from tuntas.demo.oversight import PAST_REPORTS, load_oversight_demo
from tuntas.oversight import access
from tuntas.oversight.models import EvaluationRecord
from tuntas.oversight.periods import last_ended_quarter, quarter_period
from tuntas.reports.models import Report, Status

pytestmark = pytest.mark.django_db


def test_it_fills_the_last_ended_quarter_once(demo: Demo) -> None:
    assert load_oversight_demo(demo) == len(PAST_REPORTS)
    pemda = demo.orgs["kapuas"]
    period = quarter_period(pemda, *last_ended_quarter(pemda, timezone.now()))
    reports = Report.objects.filter(title__in=[p.title for p in PAST_REPORTS])
    assert reports.count() == len(PAST_REPORTS)
    assert all(period.start <= r.created_at < period.end for r in reports)
    assert {r.status for r in reports} == {Status.CLOSED, Status.VERIFIED}
    assert {r.channel.code for r in reports} >= {"web", "whatsapp", "sms", "newspaper"}
    assert EvaluationRecord.objects.count() == 1
    assert load_oversight_demo(demo) == 0
    assert Report.objects.filter(title__in=[p.title for p in PAST_REPORTS]).count() == 5


def test_the_command_and_the_kadis_persona(demo: Demo) -> None:
    out = StringIO()
    call_command("load_oversight_demo", stdout=out)
    assert "5 past-quarter reports created" in out.getvalue()
    assert access.approvers(demo.orgs["kapuas"]) == [demo.users["kapuas.kadiskominfo"]]
    assert access.approvers(demo.orgs["majalengka"]) == []
