"""An export as a file download.

The file is written to a temporary file first. A small one (up to
``STREAM_ABOVE_BYTES``) is answered in one piece; a larger one is streamed from the
temporary file in chunks with its ``Content-Length``, so the browser shows the
download's progress and the process never holds the whole file in memory twice.
"""

from __future__ import annotations

import io
import re
import tempfile

from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase

from tuntas.exports.document import FORMATS, Document, Format
from tuntas.exports.renderers import write

CONTENT_TYPES: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}
_BY_NAME: dict[str, Format] = {name: name for name in FORMATS}
_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
#: Files larger than this are streamed in chunks rather than answered in one piece.
STREAM_ABOVE_BYTES = 2 * 1024 * 1024
CHUNK_BYTES = 256 * 1024


def safe_stem(stem: str) -> str:
    """A filename stem with only ASCII letters, digits, dot, dash and underscore."""
    cleaned = _UNSAFE_IN_FILENAME.sub("-", stem).strip(".-") or "ekspor"
    return cleaned[:120]


def _chosen(fmt: str) -> Format:
    chosen = _BY_NAME.get(fmt)
    if chosen is None:
        raise Http404(f"unknown export format {fmt!r}")
    return chosen


def _headers(response: HttpResponseBase, fmt: str, filename_stem: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{safe_stem(filename_stem)}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"


def export_response(document: Document, fmt: str, filename_stem: str) -> HttpResponse:
    """The document rendered in ``fmt`` as an attachment, in one piece; an unknown format
    is a 404. (:func:`export_download` streams large files.)"""
    chosen = _chosen(fmt)
    buffer = io.BytesIO()
    write(document, chosen, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES[fmt])
    _headers(response, fmt, filename_stem)
    return response


def export_download(document: Document, fmt: str, filename_stem: str) -> HttpResponseBase:
    """As :func:`export_response`, but a file larger than ``STREAM_ABOVE_BYTES`` is
    streamed from a temporary file in chunks, with its ``Content-Length``."""
    chosen = _chosen(fmt)
    spool = tempfile.TemporaryFile(prefix="tuntas-export-")  # noqa: SIM115 - closed by the response
    try:
        write(document, chosen, spool)
        size = spool.tell()
        spool.seek(0)
        response: HttpResponseBase
        if size <= STREAM_ABOVE_BYTES:
            response = HttpResponse(spool.read(), content_type=CONTENT_TYPES[fmt])
            spool.close()
        else:
            streamed = FileResponse(spool, content_type=CONTENT_TYPES[fmt])
            streamed.block_size = CHUNK_BYTES
            streamed["Content-Length"] = str(size)
            response = streamed
    except BaseException:
        spool.close()
        raise
    _headers(response, fmt, filename_stem)
    return response
