"""PDF: an official document (naskah dinas) laid out by WeasyPrint from an HTML template.

Kop surat with the Pemda's name, address and logo over a double rule, the title centred,
the sections, tables whose header row repeats on every page, signature blocks at the foot,
"Halaman X dari Y" and the generation time on every page. Nothing is fetched from the
network: the logo is inlined and the fetcher refuses every URL but data: ones. Tables
longer than ``TUNTAS_EXPORT_PDF_MAX_ROWS`` are cut with a note pointing to the XLSX.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field
from datetime import tzinfo
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import pyphen
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont, TTLibError
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from tuntas.exports.cells import display, document_zone, local_naive, zone_label
from tuntas.exports.document import Document, KeyValues, Paragraph, Table
from tuntas.exports.letterhead import letterhead_for

# A table with more columns than this turns the pages to landscape (unless the document says).
LANDSCAPE_COLUMNS = 7


class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint ships no type hints
    """Refuses every URL except inline ``data:`` ones: rendering never leaves the process."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False, timeout=1)


def pdf_max_rows() -> int:
    return int(getattr(settings, "TUNTAS_EXPORT_PDF_MAX_ROWS", 1000))


def css_string(text: str) -> SafeString:
    """``text`` as a quoted CSS string, safe inside a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    escaped = escaped.replace("\n", " ")
    return mark_safe(f'"{escaped}"')  # noqa: S308 - escaped for CSS just above


def page_counter_css() -> SafeString:
    """CSS ``content`` for "Halaman X dari Y" in the active language."""
    template = _("Halaman {page} dari {pages}")
    parts: list[str] = []
    rest = template
    for placeholder, counter in (("{page}", "counter(page)"), ("{pages}", "counter(pages)")):
        before, _sep, rest = rest.partition(placeholder)
        if before:
            parts.append(css_string(before))
        parts.append(counter)
    if rest:
        parts.append(css_string(rest))
    return mark_safe(" ".join(parts))  # noqa: S308 - built from css_string parts


@dataclass(frozen=True)
class PdfTable:
    title: str
    headers: list[str]
    rows: list[list[tuple[str, bool]]]
    footer: list[tuple[str, bool]] | None
    total_rows: int
    # Column widths in percent (fixed table layout: WeasyPrint need not measure every cell).
    widths: list[float]
    # The table's font size in points: smaller for wide tables, so that every word fits
    # its column and lines break only at spaces.
    font_size: float = 8.0
    font_family: str = "DejaVu Sans"


def _cells(values: Any, zone: tzinfo) -> list[tuple[str, bool]]:
    return [(display(value, zone), isinstance(value, (int, float, Decimal))) for value in values]


# Column widths are guessed from the header and this many first rows.
WIDTH_SAMPLE_ROWS = 100
# Text width of the page (A4 less the margins in the template), in millimetres.
PAGE_WIDTH_MM = {False: 210 - 18 - 22, True: 297 - 18 - 22}
TABLE_FONT_PT, SMALLEST_FONT_PT = 8.0, 6.0
# A cell has 3 pt of padding on each side and a 0.6 pt border.
CELL_PADDING_MM = (6 + 0.6) * 25.4 / 72
MM_PER_PT = 25.4 / 72
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
TABLE_FONTS = {
    # family: (regular file, bold file)
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    "DejaVu Sans Condensed": ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"),
}
WORD_SLACK = 1.06
# Without the font files: an average character's width in em (regular, bold).
FALLBACK_EM = (0.62, 0.68)


@functools.cache
def _advances(filename: str) -> tuple[dict[int, float], float] | None:
    """Advance widths (in em) of a font's characters, read once; None without the file."""
    try:
        font = TTFont(FONT_DIR / filename, lazy=True)
    except (OSError, TTLibError):
        return None
    metrics, per_em = font["hmtx"], float(font["head"].unitsPerEm)
    widths = {code: metrics[glyph][0] / per_em for code, glyph in font.getBestCmap().items()}
    return widths, sum(widths.get(ord(c), 0.6) for c in "aeinrstu") / 8


def text_em(text: str, family: str, bold: bool) -> float:
    """The width of ``text`` in em (sums of advance widths, as the PDF lays it out)."""
    found = _advances(TABLE_FONTS[family][int(bold)])
    if found is None:
        return len(text) * FALLBACK_EM[int(bold)]
    widths, average = found
    return sum(widths.get(ord(c), average) for c in text)


@dataclass(frozen=True)
class ColumnLayout:
    widths: list[float]  # percent of the table width
    font_size: float  # points
    family: str = "DejaVu Sans"
    # Per column, the widest word (in em of the bold font) that fits on one line; a
    # longer word gets soft hyphens (a hyphen where it breaks, never a bare split).
    fits: list[float] = field(default_factory=list)


_HYPHENATOR = pyphen.Pyphen(lang="id_ID")
SOFT_HYPHEN = "\u00ad"


def hyphenate_long_words(text: str, fits: float, family: str, bold: bool = False) -> str:
    """Soft hyphens (Indonesian syllables) in the words of ``text`` wider than ``fits``
    em: the PDF breaks such a word with a hyphen, not at any letter."""
    words = text.split(" ")
    limit = fits + 0.01  # rounding: a word the column was sized for fits

    def too_wide(word: str) -> bool:
        return text_em(word, family, bold) > limit

    if not any(too_wide(word) for word in words):
        return text
    return " ".join(
        _HYPHENATOR.inserted(word, hyphen=SOFT_HYPHEN) if too_wide(word) else word for word in words
    )


def _widest_word(text: str, numeric: bool, family: str, bold: bool) -> float:
    # Numbers never wrap (white-space: nowrap): the whole text must fit.
    words = [text] if numeric else text.split()
    return max((text_em(word, family, bold) for word in words), default=0.0)


def column_layout(
    headers: list[str],
    rows: list[list[tuple[str, bool]]],
    footer: list[tuple[str, bool]] | None = None,
    *,
    landscape: bool = False,
) -> ColumnLayout:
    """Column widths that give every column room for its widest word, at the largest
    font (DejaVu Sans 8 pt; for wide tables DejaVu Sans Condensed, down to 6 pt) where
    all of them fit the page; room left over goes to the columns with longer text.
    Lines then break at spaces; a word still too wide for its column gets soft hyphens
    (Indonesian syllables), never a split without a hyphen ("Jumla/h")."""
    count = len(headers)
    if count == 0:
        return ColumnLayout([], TABLE_FONT_PT)
    sample = rows[:WIDTH_SAMPLE_ROWS]
    available = PAGE_WIDTH_MM[landscape] - count * CELL_PADDING_MM

    def widest(family: str) -> list[float]:
        out = []
        for index, header in enumerate(headers):
            bold = [_widest_word(header, False, family, True)]
            if footer is not None and index < len(footer):
                bold.append(_widest_word(*footer[index], family, True))
            plain = [_widest_word(t, n, family, False) for t, n in (r[index] for r in sample)]
            # A little room to spare: the laid-out text is a hair wider than the sum of
            # the advances (hinting, rounding).
            out.append(max([*bold, *plain, 1.5]) * WORD_SLACK)
        return out

    family = "DejaVu Sans"
    ems = widest(family)
    font = TABLE_FONT_PT
    if sum(ems) * font * MM_PER_PT > available:
        family = "DejaVu Sans Condensed"
        ems = widest(family)
        needed = sum(ems) * TABLE_FONT_PT * MM_PER_PT
        if needed > available:
            font = max(SMALLEST_FONT_PT, int(10 * TABLE_FONT_PT * available / needed) / 10)
    mm_per_em = font * MM_PER_PT
    minimum = [em * mm_per_em for em in ems]
    typical = [
        max((text_em(r[index][0], family, False) for r in sample), default=0.0)
        for index in range(count)
    ]
    wanted = [max(m, min(t, 25.0) * mm_per_em) for m, t in zip(minimum, typical, strict=True)]
    spare = max(available - sum(minimum), 0.0)
    extra = [w - m for w, m in zip(wanted, minimum, strict=True)]
    share = min(1.0, spare / sum(extra)) if sum(extra) else 0.0
    widths = [m + e * share + CELL_PADDING_MM for m, e in zip(minimum, extra, strict=True)]
    total = sum(widths)
    # Scaled to the page: when even 6 pt leaves words wider than the page allows.
    scale = min(1.0, PAGE_WIDTH_MM[landscape] / total)
    fits = [(w * scale - CELL_PADDING_MM) / mm_per_em / WORD_SLACK for w in widths]
    return ColumnLayout([round(100 * w / total, 2) for w in widths], font, family, fits)


def _fitted(
    row: list[tuple[str, bool]], layout: ColumnLayout, *, bold: bool = False
) -> list[tuple[str, bool]]:
    fits = layout.fits
    return [
        (
            text
            if numeric or index >= len(fits)
            else hyphenate_long_words(text, fits[index], layout.family, bold),
            numeric,
        )
        for index, (text, numeric) in enumerate(row)
    ]


def _section(
    section: Table | KeyValues | Paragraph, zone: tzinfo, max_rows: int, landscape: bool
) -> Any:
    if isinstance(section, Table):
        shown = section.rows[:max_rows]
        headers = [str(header) for header in section.headers]
        rows = [_cells(row, zone) for row in shown]
        footer = _cells(section.footer, zone) if section.footer is not None else None
        layout = column_layout(headers, rows, footer, landscape=landscape)
        headers = [text for text, _n in _fitted([(h, False) for h in headers], layout, bold=True)]
        rows = [_fitted(row, layout) for row in rows]
        footer = _fitted(footer, layout, bold=True) if footer is not None else None
        return {
            "kind": "table",
            "table": PdfTable(
                title=section.title,
                headers=headers,
                rows=rows,
                footer=footer,
                total_rows=len(section.rows),
                widths=layout.widths,
                font_size=layout.font_size,
                font_family=layout.family,
            ),
            "cut": len(section.rows) > len(shown),
            "shown": len(shown),
        }
    if isinstance(section, KeyValues):
        return {
            "kind": "keyvalues",
            "title": section.title,
            "items": [(label, display(value, zone)) for label, value in section.items],
        }
    return {"kind": "paragraph", "title": section.title, "text": section.text}


def is_landscape(document: Document) -> bool:
    if document.landscape is not None:
        return document.landscape
    return any(
        isinstance(section, Table) and len(section.headers) > LANDSCAPE_COLUMNS
        for section in document.sections
    )


def pdf_html(document: Document) -> str:
    """The HTML the PDF is printed from (tests read the text here)."""
    zone = document_zone(document)
    max_rows = pdf_max_rows()
    landscape = is_landscape(document)
    generated = formats.date_format(local_naive(document.generated_at, zone), "j F Y H:i")
    generated = f"{generated} {zone_label(zone)}"
    context = {
        "document": document,
        "letterhead": letterhead_for(document.organisation),
        "sections": [_section(section, zone, max_rows, landscape) for section in document.sections],
        "signatures": [
            {
                "role": signature.role,
                "name": signature.name,
                "signed_at": display(signature.signed_at, zone) if signature.signed_at else "",
                "note": signature.note,
            }
            for signature in document.signatures
        ],
        "generated": generated,
        "landscape": landscape,
        "page_counter": page_counter_css(),
        "generated_css": css_string(_("Dibuat %(when)s") % {"when": generated}),
        "title_css": css_string(document.title[:90]),
    }
    return render_to_string("exports/document_pdf.html", context)


def write_pdf(document: Document, out: IO[bytes]) -> None:
    html = HTML(string=pdf_html(document), url_fetcher=LocalOnlyFetcher(), base_url=None)
    html.write_pdf(target=out)


def render_pdf(document: Document) -> bytes:
    buffer = io.BytesIO()
    write_pdf(document, buffer)
    return buffer.getvalue()
