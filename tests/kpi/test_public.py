"""/statistik/: counts per Pemda or agency for everyone, nothing about any one report."""

from __future__ import annotations

from tests.conftest import client_for
from tuntas.demo.builder import Demo
from tuntas.reports.models import Report


def test_totals_per_pemda_without_personal_data(demo: Demo, world: dict[str, Report]) -> None:
    response = client_for(None).get("/statistik/", {"year": "2026"})
    assert response.status_code == 200
    rows = {r.name: r.total for r in response.context["rows"]}
    assert rows == {"Pemerintah Kabupaten Kapuas": 5, "Pemerintah Kabupaten Majalengka": 1}
    html = response.content.decode()
    assert all(report.is_confidential for report in world.values())  # all rahasia
    for report in world.values():
        assert report.tracking_id not in html
    assert "Jalan berlubang" not in html
    assert "Puskesmas" not in html
    assert "Siti Rahmawati" not in html


def test_per_agency_with_on_time_rate(demo: Demo, world: dict[str, Report]) -> None:
    response = client_for(None).get("/statistik/", {"year": "2026", "pemda": "kapuas"})
    assert response.status_code == 200
    rows = {r.name: r for r in response.context["rows"]}
    pupr = rows["Dinas Pekerjaan Umum dan Penataan Ruang Kab. Kapuas"]
    assert (pupr.total, pupr.followed_up, pupr.pct_within_limit) == (3, 2, 33.3)
    assert response.context["total"].total == 5


def test_bad_choices_get_an_indonesian_message(demo: Demo) -> None:
    for params in (
        {"year": "dua ribu"},
        {"year": "1800"},
        {"pemda": "atlantis"},
        {"pemda": "\x00"},
    ):
        response = client_for(None).get("/statistik/", params)
        assert response.status_code == 400
        assert "Pilihan belum benar" in response.content.decode()


def test_footer_links_the_statistics(demo: Demo) -> None:
    assert 'href="/statistik/"' in client_for(None).get("/").content.decode()


def test_rollups_and_facts_give_the_same_rows(demo: Demo, world: dict[str, Report]) -> None:
    from tuntas.kpi.public import rows_from_facts, rows_from_rollups

    for pemda in (None, demo.orgs["kapuas"], demo.orgs["majalengka"]):
        assert rows_from_rollups(pemda, 2026) == rows_from_facts(pemda, 2026)
    empty = rows_from_facts(None, 2025)
    assert rows_from_rollups(None, 2025) == empty == ([], empty[1])
