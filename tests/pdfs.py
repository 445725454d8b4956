"""A small real PDF for upload tests (uploaded PDFs are opened and rewritten by pikepdf,
so a few bytes that merely start with ``%PDF-`` no longer pass)."""

from __future__ import annotations

import io
from functools import cache

import pikepdf


@cache
def minimal_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()
