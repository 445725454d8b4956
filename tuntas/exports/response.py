"""An export as a file download."""

from __future__ import annotations

import re

from django.http import Http404, HttpResponse

from tuntas.exports.document import FORMATS, Document, Format
from tuntas.exports.renderers import render

CONTENT_TYPES: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}
_BY_NAME: dict[str, Format] = {name: name for name in FORMATS}
_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_stem(stem: str) -> str:
    """A filename stem with only ASCII letters, digits, dot, dash and underscore."""
    cleaned = _UNSAFE_IN_FILENAME.sub("-", stem).strip(".-") or "ekspor"
    return cleaned[:120]


def export_response(document: Document, fmt: str, filename_stem: str) -> HttpResponse:
    """The document rendered in ``fmt`` as an attachment; an unknown format is a 404."""
    chosen = _BY_NAME.get(fmt)
    if chosen is None:
        raise Http404(f"unknown export format {fmt!r}")
    response = HttpResponse(render(document, chosen), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{safe_stem(filename_stem)}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
