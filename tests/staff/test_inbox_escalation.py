"""Reports the sweep escalated land in the inbox of whoever must intervene."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tests.conftest import client_for
from tests.reports.sweep.seeds import SEEDS, clock, disposed
from tuntas.demo.builder import Demo
from tuntas.reports.sweep import sweep
from tuntas.staff.selectors import needs_action
from tuntas.standards.models import Step

START = datetime(2026, 3, 12, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
KAPUAS = next(s for s in SEEDS if s.name == "003")


def test_the_coordinator_must_intervene_once_the_agency_is_late(demo: Demo) -> None:
    report = disposed(demo, KAPUAS, START)
    coordinator = demo.users["kapuas.koordinator"]
    assert report not in needs_action(coordinator)  # disposed: the agency moves next

    sweep(clock(report, Step.INTERVENTION_PEMDA).due_at)
    assert report in needs_action(coordinator)
    assert report not in needs_action(demo.users["nasional"])
    assert report not in needs_action(demo.users["bangkalan.koordinator"])
    page = client_for(coordinator).get("/petugas/").content.decode()
    assert "Intervensi admin pemerintah daerah" in page


def test_the_national_admin_must_intervene_after_the_national_threshold(demo: Demo) -> None:
    report = disposed(demo, KAPUAS, START)
    sweep(clock(report, Step.INTERVENTION_NATIONAL).due_at)
    assert report in needs_action(demo.users["nasional"])
    page = client_for(demo.users["nasional"]).get(f"/petugas/laporan/{report.tracking_id}/")
    assert "Intervensi admin nasional" in page.content.decode()
