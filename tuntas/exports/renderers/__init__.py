"""Turn a ``Document`` into the bytes of one format."""

from __future__ import annotations

import io
from typing import IO

from tuntas.exports.document import FORMATS, Document, Format


class UnknownFormat(ValueError):
    """Asked for a format the exports do not produce."""


def write(document: Document, fmt: Format, out: IO[bytes]) -> None:
    """Write the document to a binary file as an XLSX workbook, a PDF with letterhead,
    or a CSV file (a temporary file when the download is streamed)."""
    if fmt == "xlsx":
        from tuntas.exports.renderers.xlsx import write_xlsx

        write_xlsx(document, out)
    elif fmt == "pdf":
        from tuntas.exports.renderers.pdf import write_pdf

        write_pdf(document, out)
    elif fmt == "csv":
        from tuntas.exports.renderers.csv import render_csv

        out.write(render_csv(document))
    else:
        raise UnknownFormat(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render(document: Document, fmt: Format) -> bytes:
    """The document as an XLSX workbook, a PDF with letterhead, or a CSV file."""
    buffer = io.BytesIO()
    write(document, fmt, buffer)
    return buffer.getvalue()


__all__ = ["UnknownFormat", "render", "write"]
