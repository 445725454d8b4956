"""XLSX: a cover sheet for the summary sections, then one sheet per table.

Written in openpyxl's write-only (streaming) mode so 100,000-row tables stay fast and
small in memory. Numbers and dates are typed cells; text a spreadsheet would run as a
formula is prefixed with ``'``; each table's header row is bold and frozen.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime, tzinfo
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from tuntas.exports.cells import document_zone, local_naive, neutralise
from tuntas.exports.document import Cell, Document, KeyValues, Paragraph, Table

SHEET_NAME_MAX = 31
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\\/?*\[\]:]")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# Column widths are guessed from the header and this many first rows.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name (≤31 characters, none of \\ / ? * [ ] :) for ``title``."""
    base = _FORBIDDEN_IN_SHEET_NAME.sub(" ", title)
    base = " ".join(base.split()).strip("'") or _("Tabel")
    name = base[:SHEET_NAME_MAX].rstrip()
    counter = 2
    while name.lower() in taken:
        suffix = f" ({counter})"
        name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        counter += 1
    taken.add(name.lower())
    return name


def xlsx_value(value: Cell, zone: tzinfo) -> Any:
    """A cell value openpyxl can write: naive local datetimes, neutralised clean text."""
    if isinstance(value, str):
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    if isinstance(value, datetime):
        return local_naive(value, zone)
    return value


def _styled(ws: WriteOnlyWorksheet, value: Any, *, font: Font | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    if isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def _text_width(value: Cell) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(table: Table) -> list[float]:
    widths = [float(_text_width(header)) for header in table.headers]
    for row in [*table.rows[:WIDTH_SAMPLE_ROWS], table.footer or []]:
        for index, value in enumerate(row):
            if index >= len(widths):
                widths.append(0.0)
            widths[index] = max(widths[index], _text_width(value))
    return [min(MAX_WIDTH, max(MIN_WIDTH, width + 2)) for width in widths]


def _table_rows(ws: WriteOnlyWorksheet, table: Table, zone: tzinfo) -> Iterator[list[Any]]:
    yield [_styled(ws, xlsx_value(header, zone), font=BOLD) for header in table.headers]
    date_columns: set[int] = set()
    for row in table.rows:
        values = [xlsx_value(value, zone) for value in row]
        for index, value in enumerate(values):
            if isinstance(value, date):
                date_columns.add(index)
        if date_columns:
            values = [
                _styled(ws, value) if index in date_columns else value
                for index, value in enumerate(values)
            ]
        yield values
    if table.footer is not None:
        yield [_styled(ws, xlsx_value(value, zone), font=BOLD) for value in table.footer]


def _write_table(wb: Workbook, table: Table, name: str, zone: tzinfo) -> None:
    ws: WriteOnlyWorksheet = wb.create_sheet(title=name)
    for index, width in enumerate(column_widths(table), start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    for row in _table_rows(ws, table, zone):
        ws.append(row)


def _write_cover(
    wb: Workbook, document: Document, name: str, tables: Sequence[tuple[str, Table]], zone: tzinfo
) -> None:
    ws: WriteOnlyWorksheet = wb.create_sheet(title=name)
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 20
    ws.column_dimensions["D"].width = 30

    def put(*values: Any, font: Font | None = None, wrap: bool = False) -> None:
        cells = []
        for value in values:
            cell = _styled(ws, xlsx_value(value, zone), font=font)
            if wrap:
                cell.alignment = WRAP
            cells.append(cell)
        ws.append(cells)

    put(document.title, font=TITLE)
    if document.subtitle:
        put(document.subtitle)
    if document.organisation is not None:
        put(_("Instansi"), document.organisation.name)
    put(_("Dibuat"), document.generated_at)
    for section in document.sections:
        if isinstance(section, KeyValues):
            ws.append([])
            put(section.title, font=BOLD)
            for label, value in section.items:
                put(label, value, wrap=True)
        elif isinstance(section, Paragraph):
            ws.append([])
            put(section.title, font=BOLD)
            put(section.text, wrap=True)
    if document.signatures:
        ws.append([])
        put(_("Tanda tangan"), font=BOLD)
        put(_("Jabatan"), _("Nama"), _("Waktu"), _("Catatan"), font=BOLD)
        for signature in document.signatures:
            put(signature.role, signature.name, signature.signed_at, signature.note)
    if tables:
        ws.append([])
        put(_("Tabel"), _("Lembar"), _("Jumlah baris"), font=BOLD)
        for sheet, table in tables:
            put(table.title, sheet, len(table.rows))


def render_xlsx(document: Document) -> bytes:
    zone = document_zone(document)
    wb = Workbook(write_only=True)
    taken: set[str] = set()
    cover = sheet_name(_("Ringkasan"), taken)
    tables = [
        (sheet_name(section.title, taken), section)
        for section in document.sections
        if isinstance(section, Table)
    ]
    _write_cover(wb, document, cover, tables, zone)
    for name, table in tables:
        _write_table(wb, table, name, zone)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
