"""The dashboard's numbers equal counts worked out by hand (see conftest's table),
and the API and the XLSX/CSV exports say the same."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from tests.conftest import client_for
from tests.kpi.conftest import PERIOD
from tuntas.demo.builder import Demo
from tuntas.exports.cells import organisation_zone_name
from tuntas.organisations.models import Organisation
from tuntas.reports.models import Report

# Kapuas, October-November 2026: r1..r5.
EXPECTED = {
    "total": 5,
    "needs_followup": 4,  # r1 r2 r4 r5 (r3 archived)
    "followed_up": 3,  # r1 r2 r5
    "within_limit": 2,  # r1 (3 WD), r5 (3 WD); r2 took 22 WD against 10
    "escalated": 0,
    "ombudsman": 1,  # r4
    "feedback": 3,  # r1 Y, r2 T, r5 Y
    "satisfied": 2,
    "closed_once": 2,  # r1, r5 (reopened)
    "reopened": 1,
}
# Working days from receipt: verify r1 2, r2 0, r4 1, r5 1; dispose 3, 0, 2, 1;
# first answer r1 6, r2 22, r5 4; close r1 7.
AVERAGES = {"verify": 1.0, "dispose": 1.5, "first_answer": 10.7, "close": 7.0}
MEDIANS = {"verify": 1.0, "dispose": 1.5, "first_answer": 6.0, "close": 7.0}


def test_dashboard_numbers_match_hand_counts(demo: Demo, world: dict[str, Report]) -> None:
    response = client_for(demo.users["kapuas.koordinator"]).get("/petugas/kinerja/", PERIOD)
    assert response.status_code == 200
    board = response.context["board"]
    s = board.summary
    for name, value in EXPECTED.items():
        assert getattr(s, name) == value, name
    assert s.pct_followed_up == 75.0
    assert s.pct_within_limit == 50.0
    assert s.pct_satisfied == 66.7
    assert s.pct_reopened == 50.0
    assert s.averages == AVERAGES
    assert s.medians == MEDIANS
    months = {r.label: r.total for r in board.months}
    assert months == {"2026-10": 4, "2026-11": 1}
    agencies = {r.label: r.total for r in board.groups["agency"]}
    assert agencies == {
        "Dinas PUPR Kapuas": 3,
        "Disdik Kapuas": 1,
        "Belum didisposisikan ke OPD": 1,
    }
    channels = {r.label: r.total for r in board.groups["channel"]}
    assert channels == {"Situs web": 4, "WhatsApp": 1}
    pupr = next(r for r in board.groups["agency"] if r.label == "Dinas PUPR Kapuas")
    assert (pupr.needs_followup, pupr.followed_up, pupr.within_limit) == (3, 2, 1)
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "OPD utamanya" in html  # says how reports are attributed
    assert "Data per" in html


def test_national_admin_sees_every_pemda(demo: Demo, world: dict[str, Report]) -> None:
    response = client_for(demo.users["nasional"]).get("/petugas/kinerja/", PERIOD)
    assert response.status_code == 200
    assert response.context["board"].summary.total == 6  # five in Kapuas, one in Majalengka
    kapuas_only = client_for(demo.users["nasional"]).get(
        "/petugas/kinerja/", {**PERIOD, "pemda": "kapuas"}
    )
    assert kapuas_only.context["board"].summary.total == 5


def test_filters_narrow_the_figures(demo: Demo, world: dict[str, Report]) -> None:
    client = client_for(demo.users["kapuas.koordinator"])
    whatsapp = client.get("/petugas/kinerja/", {**PERIOD, "channel": "whatsapp"})
    assert whatsapp.context["board"].summary.total == 1
    november = client.get("/petugas/kinerja/", {"date_from": "2026-11-01", "date_to": "2026-11-30"})
    assert november.context["board"].summary.total == 1
    assert november.context["board"].summary.ombudsman == 1


def test_api_summary_agrees(demo: Demo, world: dict[str, Report]) -> None:
    response = client_for(demo.users["kapuas.koordinator"]).get("/api/kpi/summary/", PERIOD)
    assert response.status_code == 200
    body = response.json()
    s = body["summary"]
    for name, value in EXPECTED.items():
        assert s[name] == value, name
    assert s["pct_within_limit"] == 50.0
    assert s["average_working_days"] == AVERAGES
    assert s["median_working_days"] == MEDIANS
    assert [m["total"] for m in body["months"]] == [4, 1]
    assert body["period"] == {"date_from": "2026-10-01", "date_to": "2026-11-30"}


def _xlsx_summary(content: bytes) -> dict[str, object]:
    wb = load_workbook(io.BytesIO(content), read_only=True)
    values: dict[str, object] = {}
    for row in wb.worksheets[0].iter_rows(values_only=True):
        if row and isinstance(row[0], str) and len(row) > 1:
            values.setdefault(row[0], row[1])
    return values


def test_xlsx_export_has_the_dashboard_numbers(demo: Demo, world: dict[str, Report]) -> None:
    response = client_for(demo.users["kapuas.koordinator"]).get(
        "/petugas/kinerja/ekspor/xlsx/", PERIOD
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    values = _xlsx_summary(response.content)
    assert values["Jumlah laporan"] == 5
    assert values["Ditindaklanjuti"] == 3
    assert values["Tepat waktu (%)"] == 50.0
    assert values["Median HK jawaban pertama"] == 6.0
    assert values["Ke Ombudsman"] == 1
    wb = load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = next(ws for ws in wb.worksheets if ws.title.startswith("Per OPD"))
    rows = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["Dinas PUPR Kapuas"] == 3
    assert rows["Jumlah"] == 5


def test_csv_export_has_the_dashboard_numbers(demo: Demo, world: dict[str, Report]) -> None:
    response = client_for(demo.users["kapuas.koordinator"]).get(
        "/petugas/kinerja/ekspor/csv/", PERIOD
    )
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    found = {r[0]: r[1] for r in rows if len(r) >= 2}
    assert found["Jumlah laporan"] == "5"
    assert found["Ditindaklanjuti (%)"] == "75,0"
    assert found["Rata-rata HK jawaban pertama"] == "10,7"


def test_pdf_export_is_a_pdf(demo: Demo, world: dict[str, Report]) -> None:
    response = client_for(demo.users["kapuas.koordinator"]).get(
        "/petugas/kinerja/ekspor/pdf/", PERIOD
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_unknown_export_format_is_404(demo: Demo, world: dict[str, Report]) -> None:
    response = client_for(demo.users["kapuas.koordinator"]).get("/petugas/kinerja/ekspor/doc/")
    assert response.status_code == 404


def test_exports_show_the_pemdas_local_time(demo: Demo, world: dict[str, Report]) -> None:
    # A Pemda in WITA: the data time and the generation time are WITA, never UTC.
    Organisation.objects.filter(code="kapuas").update(timezone="Asia/Makassar")
    client = client_for(demo.users["kapuas.koordinator"])
    text = client.get("/petugas/kinerja/ekspor/csv/", PERIOD).content.decode("utf-8-sig")
    # Facts refreshed at 12:00 WIB on 20 Nov = 13:00 WITA.
    assert "data per 2026-11-20 13:00 WITA" in text
    assert "UTC" not in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    generated = next(r for r in rows if r and r[0] == "Dibuat")
    assert generated[2] == "WITA"
    pdf = client.get("/petugas/kinerja/ekspor/pdf/", PERIOD)
    assert pdf.status_code == 200
    agency = Organisation.objects.get(code="kapuas-pupr")
    assert agency.timezone == "Asia/Jakarta"  # the default: it keeps its Pemda's time
    assert organisation_zone_name(agency) == "Asia/Makassar"
