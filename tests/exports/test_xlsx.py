"""XLSX exports: a cover sheet, a sheet per table, typed cells, bold frozen headers."""

from __future__ import annotations

from datetime import date, datetime

from tests.exports.helpers import read_xlsx, sample_document
from tuntas.exports.document import Cell, Table
from tuntas.exports.renderers import render
from tuntas.exports.renderers.xlsx import sheet_name


def test_it_has_a_cover_sheet_and_a_sheet_per_table():
    wb = read_xlsx(render(sample_document(), "xlsx"))
    assert wb.sheetnames == ["Ringkasan", "Laporan per OPD"]
    cover = [
        [c for c in row if c is not None] for row in wb["Ringkasan"].iter_rows(values_only=True)
    ]
    assert ["Rekap Laporan Triwulan"] in cover
    assert ["Jumlah laporan", 42] in cover
    assert ["Awal periode", datetime(2026, 7, 1)] in cover
    assert ["Data diambil dari Tuntas."] in cover
    assert ["Kepala Dinas", "Ir. Hendra", datetime(2026, 10, 1, 10, 0)] in cover
    assert ["Laporan per OPD", "Laporan per OPD", 2] in cover


def test_table_cells_are_typed_and_header_and_footer_bold():
    ws = read_xlsx(render(sample_document(), "xlsx"))["Laporan per OPD"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("OPD", "Jumlah", "Rata-rata hari", "Terakhir masuk")
    assert rows[1] == ("Dinas PUPR", 30, 2.5, datetime(2026, 9, 1, 8, 0))
    assert rows[2] == ("Dinas Pendidikan", 12, 1.25, datetime(2026, 9, 2, 14, 5))
    assert rows[3] == ("Jumlah", 42, None, None)
    assert ws["A1"].font.b and ws["D1"].font.b
    assert ws["A4"].font.b
    assert not ws["A2"].font.b
    assert ws.freeze_panes == "A2"
    assert ws["D2"].number_format == "dd/mm/yyyy hh:mm"
    assert ws.column_dimensions["A"].width >= len("Dinas Pendidikan")


def test_dates_without_time_stay_dates():
    document = sample_document(sections=[Table("T", ["Tanggal"], [[date(2026, 1, 31)]])])
    ws = read_xlsx(render(document, "xlsx"))["T"]
    assert ws["A2"].value == datetime(2026, 1, 31)
    assert ws["A2"].number_format == "dd/mm/yyyy"


def test_formula_injection_is_neutralised():
    document = sample_document(
        sections=[Table("Data", ["A", "B", "C"], [["=1+1", "@cmd", "-3"], ["ok", -3, "\x07bell"]])]
    )
    ws = read_xlsx(render(document, "xlsx"))["Data"]
    assert [c.value for c in ws[2]] == ["'=1+1", "'@cmd", "'-3"]
    assert all(c.data_type == "s" for c in ws[2])
    assert [c.value for c in ws[3]] == ["ok", -3, "bell"]


def test_sheet_names_are_valid_unique_and_short():
    taken: set[str] = set()
    names = [
        sheet_name("Ringkasan", taken),
        sheet_name("ringkasan", taken),
        sheet_name("Rekap: OPD/Bidang [2026] *?", taken),
        sheet_name("Laporan per organisasi perangkat daerah tahun 2026", taken),
        sheet_name("Laporan per organisasi perangkat daerah tahun 2026", taken),
        sheet_name("'''", taken),
    ]
    assert names[0] == "Ringkasan"
    assert names[1] == "ringkasan (2)"
    assert names[2] == "Rekap OPD Bidang 2026"
    assert all(len(name) <= 31 for name in names)
    assert len({name.lower() for name in names}) == len(names)
    assert names[4].endswith("(2)")
    assert names[5] == "Tabel"


def test_same_table_titles_get_their_own_sheets():
    tables = [Table("Per OPD", ["n"], [[1]]), Table("Per OPD", ["n"], [[2]])]
    wb = read_xlsx(render(sample_document(sections=tables), "xlsx"))
    assert wb.sheetnames == ["Ringkasan", "Per OPD", "Per OPD (2)"]
    assert wb["Per OPD (2)"]["A2"].value == 2


def test_big_table_keeps_every_row():
    rows: list[list[Cell]] = [[f"LPR-{i:06d}", i, i / 2] for i in range(5_000)]
    document = sample_document(sections=[Table("Besar", ["id", "n", "half"], rows)])
    ws = read_xlsx(render(document, "xlsx"))["Besar"]
    assert ws.max_row == 5_001
    assert ws["A5001"].value == "LPR-004999"
    assert ws["C5001"].value == 2499.5
