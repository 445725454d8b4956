"""PDF: an official document (naskah dinas) laid out by WeasyPrint from an HTML template.

Kop surat with the Pemda's name, address and logo over a double rule, the title centred,
the sections, tables whose header row repeats on every page, signature blocks at the foot,
"Halaman X dari Y" and the generation time on every page. Nothing is fetched from the
network: the logo is inlined and the fetcher refuses every URL but data: ones. Tables
longer than ``TUNTAS_EXPORT_PDF_MAX_ROWS`` are cut with a note pointing to the XLSX.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import tzinfo
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from tuntas.exports.cells import display, document_zone, local_naive
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


def _cells(values: Any, zone: tzinfo) -> list[tuple[str, bool]]:
    return [(display(value, zone), isinstance(value, (int, float, Decimal))) for value in values]


# Column widths are guessed from the header and this many first rows.
WIDTH_SAMPLE_ROWS = 100


def column_percentages(headers: list[str], rows: list[list[tuple[str, bool]]]) -> list[float]:
    """Share of the page width per column, from its longest word and typical text length."""
    count = len(headers)
    if count == 0:
        return []
    weights: list[float] = []
    for index, header in enumerate(headers):
        texts = [row[index][0] for row in rows[:WIDTH_SAMPLE_ROWS] if index < len(row)]
        longest_word = max((len(w) for t in [header, *texts] for w in t.split()), default=1)
        typical = max((len(t) for t in texts), default=0)
        weights.append(max(6.0, longest_word + 3.0, min(typical, 40) * 0.8))
    total = sum(weights)
    return [round(100 * weight / total, 2) for weight in weights]


def _section(section: Table | KeyValues | Paragraph, zone: tzinfo, max_rows: int) -> Any:
    if isinstance(section, Table):
        shown = section.rows[:max_rows]
        headers = [str(header) for header in section.headers]
        rows = [_cells(row, zone) for row in shown]
        return {
            "kind": "table",
            "table": PdfTable(
                title=section.title,
                headers=headers,
                rows=rows,
                footer=_cells(section.footer, zone) if section.footer is not None else None,
                total_rows=len(section.rows),
                widths=column_percentages(headers, rows),
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
    generated = formats.date_format(local_naive(document.generated_at, zone), "j F Y H:i")
    context = {
        "document": document,
        "letterhead": letterhead_for(document.organisation),
        "sections": [_section(section, zone, max_rows) for section in document.sections],
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
        "landscape": is_landscape(document),
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
