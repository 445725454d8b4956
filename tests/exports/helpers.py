"""Small documents and readers for the export tests."""

from __future__ import annotations

import csv
import io
import re
import zlib
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from tuntas.exports.document import Document, KeyValues, Paragraph, Section, Signature, Table
from tuntas.organisations.models import Organisation

JAKARTA = ZoneInfo("Asia/Jakarta")
GENERATED = datetime(2026, 11, 23, 9, 30, tzinfo=JAKARTA)


SAMPLE_TABLE = Table(
    "Laporan per OPD",
    ["OPD", "Jumlah", "Rata-rata hari", "Terakhir masuk"],
    [
        ["Dinas PUPR", 30, Decimal("2.5"), datetime(2026, 9, 1, 8, 0, tzinfo=JAKARTA)],
        ["Dinas Pendidikan", 12, 1.25, datetime(2026, 9, 2, 14, 5, tzinfo=JAKARTA)],
    ],
    footer=["Jumlah", 42, None, None],
)


def sample_document(
    organisation: Organisation | None = None,
    *,
    title: str = "Rekap Laporan Triwulan",
    sections: Sequence[Section] | None = None,
    signatures: Sequence[Signature] | None = None,
    landscape: bool | None = None,
) -> Document:
    return Document(
        title=title,
        organisation=organisation,
        generated_at=GENERATED,
        subtitle="1 Juli - 30 September 2026",
        sections=sections
        if sections is not None
        else (
            KeyValues(
                "Ringkasan periode",
                [("Jumlah laporan", 42), ("Awal periode", date(2026, 7, 1))],
            ),
            Paragraph("Catatan", "Data diambil dari Tuntas."),
            SAMPLE_TABLE,
        ),
        signatures=signatures
        if signatures is not None
        else (
            Signature("Kepala Dinas", "Ir. Hendra", datetime(2026, 10, 1, 10, 0, tzinfo=JAKARTA)),
        ),
        landscape=landscape,
    )


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with the UTF-8 BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


def pdf_text_objects(data: bytes) -> bytes:
    """Every compressed stream of a PDF, inflated (outlines carry the headings' text)."""
    out = b""
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out += zlib.decompress(match.group(1))
        except zlib.error:
            continue
    return out


def pdf_page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf_text_objects(data) + data))
