"""Document exports: XLSX, PDF with the Pemda letterhead, and CSV.

``render`` and ``export_response`` are importable from here too; they load the renderers
on first use, so importing the app stays cheap (and safe while Django starts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpResponse
    from django.http.response import HttpResponseBase

    from tuntas.exports.document import Document, Format


def render(document: Document, fmt: Format) -> bytes:
    """See ``tuntas.exports.renderers.render``."""
    from tuntas.exports.renderers import render as render_document

    return render_document(document, fmt)


def export_response(document: Document, fmt: str, filename_stem: str) -> HttpResponse:
    """See ``tuntas.exports.response.export_response``."""
    from tuntas.exports.response import export_response as respond

    return respond(document, fmt, filename_stem)


def export_download(document: Document, fmt: str, filename_stem: str) -> HttpResponseBase:
    """See ``tuntas.exports.response.export_download`` (streams large files)."""
    from tuntas.exports.response import export_download as download

    return download(document, fmt, filename_stem)
