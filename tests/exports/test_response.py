"""export_response: the right content type and a safe attachment filename."""

from __future__ import annotations

import pytest
from django.http import Http404

from tests.exports.helpers import read_csv, read_xlsx, sample_document
from tuntas.exports.renderers import UnknownFormat, render
from tuntas.exports.response import export_response


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("pdf", "application/pdf"),
        ("csv", "text/csv; charset=utf-8"),
    ],
)
def test_it_is_an_attachment_of_the_right_type(fmt, content_type):
    response = export_response(sample_document(), fmt, "rekap-2026-q3")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="rekap-2026-q3.{fmt}"'
    # PDF and XLSX carry their creation time, so only the CSV is byte-for-byte repeatable.
    if fmt == "csv":
        assert response.content == render(sample_document(), fmt)
    else:
        assert response.content.startswith(b"%PDF-" if fmt == "pdf" else b"PK")


def test_the_bytes_parse_back():
    assert read_csv(export_response(sample_document(), "csv", "x").content)[0] == [
        "Rekap Laporan Triwulan"
    ]
    wb = read_xlsx(export_response(sample_document(), "xlsx", "x").content)
    assert "Laporan per OPD" in wb.sheetnames


def test_filename_cannot_inject_headers_or_paths():
    response = export_response(sample_document(), "csv", 'a"b\r\nSet-Cookie: x=1/../ é')
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="a-b-Set-Cookie-x-1.csv"'


@pytest.mark.parametrize("fmt", ["docx", "PDF", "", "../pdf"])
def test_unknown_format_is_404(fmt):
    with pytest.raises(Http404):
        export_response(sample_document(), fmt, "x")


def test_render_refuses_unknown_format():
    with pytest.raises(UnknownFormat):
        render(sample_document(), "odt")  # type: ignore[arg-type]  # the wrong value on purpose


def test_the_package_offers_both_functions():
    from tuntas import exports

    assert exports.render(sample_document(), "csv") == render(sample_document(), "csv")
    assert exports.export_response(sample_document(), "csv", "x").status_code == 200


def test_a_large_file_is_streamed_with_its_length():
    from tuntas.exports.document import Cell, Table
    from tuntas.exports.response import STREAM_ABOVE_BYTES, export_download

    rows: list[list[Cell]] = [[f"LPR-{i:06d} {'x' * 40}", i, i / 3] for i in range(60_000)]
    document = sample_document(sections=[Table("Besar", ["id", "n", "third"], rows)])
    response = export_download(document, "csv", "besar")
    assert response.streaming
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert len(body) > STREAM_ABOVE_BYTES
    assert response["Content-Length"] == str(len(body))
    assert response["Content-Disposition"] == 'attachment; filename="besar.csv"'
    assert any(row and row[0].startswith("LPR-059999") for row in read_csv(body))
    small = export_download(sample_document(), "xlsx", "kecil")
    assert not small.streaming
    assert "Laporan per OPD" in read_xlsx(small.content).sheetnames  # type: ignore[attr-defined]
