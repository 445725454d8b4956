"""Turn a ``Document`` into the bytes of one format."""

from __future__ import annotations

from tuntas.exports.document import FORMATS, Document, Format


class UnknownFormat(ValueError):
    """Asked for a format the exports do not produce."""


def render(document: Document, fmt: Format) -> bytes:
    """The document as an XLSX workbook, a PDF with letterhead, or a CSV file."""
    if fmt == "xlsx":
        from tuntas.exports.renderers.xlsx import render_xlsx

        return render_xlsx(document)
    if fmt == "pdf":
        from tuntas.exports.renderers.pdf import render_pdf

        return render_pdf(document)
    if fmt == "csv":
        from tuntas.exports.renderers.csv import render_csv

        return render_csv(document)
    raise UnknownFormat(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["UnknownFormat", "render"]
