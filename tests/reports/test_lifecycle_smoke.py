from __future__ import annotations

import pytest

from tests.reports.helpers import make_report
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo
from tuntas.reports.models import Clock, Status


@pytest.mark.parametrize("status", list(Status))
def test_every_status_is_reachable_through_actions(demo: Demo, status: Status) -> None:
    report = make_report(demo, status)
    assert report.status == status
    assert AuditEvent.objects.filter(report=report).count() >= 1


def test_closing_stops_every_clock(demo: Demo) -> None:
    report = make_report(demo, Status.CLOSED)
    assert not Clock.objects.filter(report=report, stopped_at__isnull=True).exists()
    assert Clock.objects.filter(report=report, step="verification", met=True).exists()
