"""XLSX: a cover sheet for the summary sections, then one sheet per table.

Written directly as SpreadsheetML (the parts of an .xlsx file are a handful of small
XML files in a zip), streamed row by row into the zip: 100,000 rows of 10 columns take
about a second, where openpyxl's write-only mode took 16 s of CPU and XlsxWriter's
constant-memory mode 7 s (``docs/exports.md``). What is written is a small, fixed
subset: inline strings, numbers, booleans, dates and datetimes (typed, with
``dd/mm/yyyy [hh:mm]``), bold and title fonts, wrapped cells, column widths, a frozen
header row repeated when printed. Text a spreadsheet would run as a formula is
prefixed with ``'``; control characters XML cannot carry are dropped.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import IO
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from tuntas.exports.cells import document_zone, local_naive, neutralise, zone_label
from tuntas.exports.document import Cell, Document, KeyValues, Paragraph, Table

SHEET_NAME_MAX = 31
_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\\/?*\[\]:]")
# Characters XML 1.0 cannot carry (Excel refuses the file).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
# Column widths are guessed from the header and this many first rows.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60
# Rows handed to the zip at once.
FLUSH_ROWS = 500

# Cell styles (index into cellXfs in styles.xml): font x number format x wrap.
PLAIN, BOLD, TITLE = 0, 1, 2
_FONT_COUNT = 3
_NUMBER_FORMATS = (0, 164, 165)  # general, date, datetime
_DATE, _DATETIME = 1, 2


def _style(font: int, number_format: int = 0, wrap: bool = False) -> int:
    return (int(wrap) * len(_NUMBER_FORMATS) + number_format) * _FONT_COUNT + font


_EPOCH = datetime(1899, 12, 30)
_EPOCH_DATE = _EPOCH.date()


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


def _column_letters(count: int) -> list[str]:
    letters = []
    for index in range(1, count + 1):
        name = ""
        while index:
            index, rest = divmod(index - 1, 26)
            name = chr(65 + rest) + name
        letters.append(name)
    return letters


def _text(value: str) -> str:
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f"<is><t{space}>{escape(value)}</t></is>"


class _Writer:
    """Cells of one sheet as XML, by the value's type."""

    def __init__(self, zone: tzinfo, font: int = PLAIN, wrap: bool = False) -> None:
        self.zone = zone
        self.font, self.wrap = font, wrap

    def cell(self, ref: str, value: Cell) -> str:
        kind = type(value)
        style = _style(self.font, 0, self.wrap)
        attr = f' s="{style}"' if style else ""
        if kind is str:
            if not value:
                return ""  # an empty text is an empty cell
            text = neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))  # type: ignore[arg-type]
            return f'<c r="{ref}"{attr} t="inlineStr">{_text(text)}</c>'
        if kind is int:
            return f'<c r="{ref}"{attr}><v>{value}</v></c>'
        if kind is float or kind is Decimal:
            number = float(value)  # type: ignore[arg-type]
            if not math.isfinite(number):
                return f'<c r="{ref}"{attr} t="inlineStr">{_text(str(value))}</c>'
            shown = repr(number) if kind is float else format(value, "f")
            return f'<c r="{ref}"{attr}><v>{shown}</v></c>'
        if value is None:
            return ""
        if kind is bool:
            return f'<c r="{ref}"{attr} t="b"><v>{int(value)}</v></c>'  # type: ignore[arg-type]
        if isinstance(value, datetime):
            moment = local_naive(value, self.zone)
            delta = moment - _EPOCH
            serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
            dated = _style(self.font, _DATETIME, self.wrap)
            return f'<c r="{ref}" s="{dated}"><v>{serial!r}</v></c>'
        if isinstance(value, date):
            dated = _style(self.font, _DATE, self.wrap)
            return f'<c r="{ref}" s="{dated}"><v>{(value - _EPOCH_DATE).days}</v></c>'
        if isinstance(value, int | float):  # subclasses (IntEnum...)
            return self.cell(ref, float(value) if isinstance(value, float) else int(value))
        return self.cell(ref, str(value))


class _Sheet:
    """One worksheet: rows appended in order, written to the zip as they come."""

    def __init__(self, out: IO[bytes], zone: tzinfo) -> None:
        self.out = out
        self.zone = zone
        self.number = 0
        self.letters = _column_letters(16)
        self.pending: list[str] = []

    def _refs(self, count: int) -> list[str]:
        if count > len(self.letters):
            self.letters = _column_letters(count)
        return self.letters

    def row(self, values: Sequence[Cell], *, font: int = PLAIN, wrap: bool = False) -> None:
        self.number += 1
        writer = _Writer(self.zone, font, wrap)
        letters = self._refs(len(values))
        number = self.number
        cells = "".join(
            writer.cell(f"{letters[i]}{number}", value) for i, value in enumerate(values)
        )
        self.pending.append(f'<row r="{number}">{cells}</row>')
        if len(self.pending) >= FLUSH_ROWS:
            self.flush()

    def rows(self, values: Iterable[Sequence[Cell]]) -> None:
        """Plain rows, fast (the body of a table)."""
        writer = _Writer(self.zone)
        cell = writer.cell
        pending = self.pending
        for row in values:
            self.number += 1
            number = self.number
            letters = self._refs(len(row))
            cells = "".join(cell(f"{letters[i]}{number}", value) for i, value in enumerate(row))
            pending.append(f'<row r="{number}">{cells}</row>')
            if len(pending) >= FLUSH_ROWS:
                self.flush()

    def blank(self) -> None:
        self.number += 1

    def flush(self) -> None:
        if self.pending:
            self.out.write("".join(self.pending).encode("utf-8"))
            self.pending.clear()


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def _sheet_head(widths: Sequence[float], frozen: bool) -> str:
    view = (
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2"'
        ' activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>'
        "</sheetView></sheetViews>"
        if frozen
        else '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    )
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{width:g}" customWidth="1"/>'
        for i, width in enumerate(widths, start=1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS} {_NS_R}>'
        f'{view}<sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + "<sheetData>"
    )


_SHEET_TAIL = "</sheetData></worksheet>"


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


def _write_sheet(
    archive: zipfile.ZipFile,
    number: int,
    widths: Sequence[float],
    frozen: bool,
    zone: tzinfo,
    fill: Callable[[_Sheet], None],
) -> None:
    with archive.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as out:
        out.write(_sheet_head(widths, frozen).encode("utf-8"))
        sheet = _Sheet(out, zone)
        fill(sheet)
        sheet.flush()
        out.write(_SHEET_TAIL.encode("utf-8"))


def _table_filler(table: Table) -> Callable[[_Sheet], None]:
    def fill(sheet: _Sheet) -> None:
        sheet.row(list(table.headers), font=BOLD)
        sheet.rows(table.rows)
        if table.footer is not None:
            sheet.row(table.footer, font=BOLD)

    return fill


def _cover_filler(
    document: Document, tables: Sequence[tuple[str, Table]]
) -> Callable[[_Sheet], None]:
    def fill(sheet: _Sheet) -> None:
        sheet.row([document.title], font=TITLE)
        if document.subtitle:
            sheet.row([document.subtitle])
        if document.organisation is not None:
            sheet.row([_("Instansi"), document.organisation.name])
        zone = document_zone(document)
        sheet.row([_("Dibuat"), document.generated_at, zone_label(zone)])
        for section in document.sections:
            if isinstance(section, KeyValues):
                sheet.blank()
                sheet.row([section.title], font=BOLD)
                for label, value in section.items:
                    sheet.row([label, value], wrap=True)
            elif isinstance(section, Paragraph):
                sheet.blank()
                sheet.row([section.title], font=BOLD)
                sheet.row([section.text], wrap=True)
        if document.signatures:
            sheet.blank()
            sheet.row([_("Tanda tangan")], font=BOLD)
            sheet.row([_("Jabatan"), _("Nama"), _("Waktu"), _("Catatan")], font=BOLD)
            for signature in document.signatures:
                sheet.row([signature.role, signature.name, signature.signed_at, signature.note])
        if tables:
            sheet.blank()
            sheet.row([_("Tabel"), _("Lembar"), _("Jumlah baris")], font=BOLD)
            for name, table in tables:
                sheet.row([table.title, name, len(table.rows)])

    return fill


def _styles() -> str:
    fonts = (
        '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>'
    )
    xfs = []
    for wrap in (False, True):
        for number_format in _NUMBER_FORMATS:
            for font in range(_FONT_COUNT):
                attrs = (
                    f'numFmtId="{number_format}" fontId="{font}" fillId="0" borderId="0" xfId="0"'
                )
                if number_format:
                    attrs += ' applyNumberFormat="1"'
                if font:
                    attrs += ' applyFont="1"'
                if wrap:
                    wrapped = '<alignment wrapText="1" vertical="top"/>'
                    xfs.append(f'<xf {attrs} applyAlignment="1">{wrapped}</xf>')
                else:
                    xfs.append(f"<xf {attrs}/>")
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {_NS}>'
        f'<numFmts count="2"><numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/>'
        f'<numFmt numFmtId="165" formatCode="{DATETIME_FORMAT}"/></numFmts>'
        f'<fonts count="{_FONT_COUNT}">{fonts}</fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _workbook(names: Sequence[str], print_titles: Sequence[int]) -> str:
    sheets = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(names, start=1)
    )
    defined = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{index}">'
        + escape("'" + names[index].replace("'", "''") + "'!$1:$1")
        + "</definedName>"
        for index in print_titles
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {_NS} {_NS_R}>'
        f"<bookViews><workbookView/></bookViews><sheets>{sheets}</sheets>"
        + (f"<definedNames>{defined}</definedNames>" if defined else "")
        + "</workbook>"
    )


_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'


def _workbook_rels(count: int) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1)
    )
    rels += f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return f"{head}<Relationships {_RELS_NS}>{rels}</Relationships>"


_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships {_RELS_NS}>'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels"'
        ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheets}</Types>"
    )


def write_xlsx(document: Document, out: IO[bytes]) -> None:
    """Write the workbook to a binary file (a temporary file when streaming a download)."""
    zone = document_zone(document)
    taken: set[str] = set()
    cover = sheet_name(_("Ringkasan"), taken)
    tables = [
        (sheet_name(section.title, taken), section)
        for section in document.sections
        if isinstance(section, Table)
    ]
    names = [cover, *(name for name, _table in tables)]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", _content_types(len(names)))
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _workbook(names, range(1, len(names))))
        archive.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(names)))
        archive.writestr("xl/styles.xml", _styles())
        _write_sheet(archive, 1, (34, 70, 20, 30), False, zone, _cover_filler(document, tables))
        for number, (_name, table) in enumerate(tables, start=2):
            _write_sheet(archive, number, column_widths(table), True, zone, _table_filler(table))


def render_xlsx(document: Document) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(document, buffer)
    return buffer.getvalue()
