"""CSV exports: UTF-8 with BOM, ';' and decimal commas, titled blocks, no formulas."""

from __future__ import annotations

from django.test import override_settings

from tests.exports.helpers import read_csv, sample_document
from tuntas.exports.document import Cell, KeyValues, Table
from tuntas.exports.renderers import render


def test_it_parses_back_with_every_section_as_a_titled_block():
    rows = read_csv(render(sample_document(), "csv"))
    assert rows[0] == ["Rekap Laporan Triwulan"]
    assert rows[1] == ["1 Juli - 30 September 2026"]
    assert rows[2] == ["Dibuat", "2026-11-23 09:30", "WIB"]
    table_at = rows.index(["Laporan per OPD"])
    assert rows[table_at - 1] == []
    assert rows[table_at + 1] == ["OPD", "Jumlah", "Rata-rata hari", "Terakhir masuk"]
    assert rows[table_at + 2] == ["Dinas PUPR", "30", "2,5", "2026-09-01 08:00"]
    assert rows[table_at + 3] == ["Dinas Pendidikan", "12", "1,25", "2026-09-02 14:05"]
    assert rows[table_at + 4] == ["Jumlah", "42", "", ""]
    assert ["Jumlah laporan", "42"] in rows
    assert ["Awal periode", "2026-07-01"] in rows
    assert ["Data diambil dari Tuntas."] in rows
    assert ["Kepala Dinas", "Ir. Hendra", "2026-10-01 10:00", ""] in rows


def test_times_are_shown_in_the_documents_time_zone(demo):
    # Kapuas (Kalimantan Tengah) is WIB; an organisation in WITA shows the same instant +1 h.
    org = demo.orgs["kapuas"]
    org.timezone = "Asia/Makassar"
    rows = read_csv(render(sample_document(org), "csv"))
    assert ["Instansi", org.name] in rows
    assert ["Dinas PUPR", "30", "2,5", "2026-09-01 09:00"] in rows


def test_formula_injection_is_neutralised():
    evil = ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)", "\tx", "aman"]
    document = sample_document(
        sections=[
            Table("Data", ["A", "B", "C", "D", "E", "F"], [evil]),
            KeyValues("K", [("=1", 2)]),
        ]
    )
    rows = read_csv(render(document, "csv"))
    assert ['\'=HYPERLINK("http://x")', "'+1+1", "'-2", "'@SUM(A1)", "'\tx", "aman"] in rows
    assert ["'=1", "2"] in rows
    # Real negative numbers stay numbers.
    numbers = read_csv(render(sample_document(sections=[Table("N", ["n"], [[-5]])]), "csv"))
    assert ["-5"] in numbers


@override_settings(TUNTAS_EXPORT_CSV_DELIMITER=",")
def test_comma_delimiter_switches_to_decimal_points():
    data = render(sample_document(), "csv").decode("utf-8-sig")
    assert "Dinas PUPR,30,2.5,2026-09-01 08:00" in data


def test_big_table_keeps_every_row():
    rows: list[list[Cell]] = [[f"LPR-{i:06d}", i] for i in range(20_000)]
    document = sample_document(sections=[Table("Besar", ["id", "n"], rows)], signatures=[])
    parsed = read_csv(render(document, "csv"))
    assert parsed[-1] == ["LPR-019999", "19999"]
    assert len([r for r in parsed if r and r[0].startswith("LPR-")]) == 20_000
