"""Serving a stored attachment: always as a download, never sniffed, never cached."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext as _

from tuntas.core.errors import NotFound
from tuntas.reports.models import Attachment


def attachment_response(attachment: Attachment | None) -> FileResponse:
    """The file as a download; a missing row or a file gone from storage is a 404."""
    if attachment is None:
        raise NotFound(_("Lampiran tidak ditemukan."), code="attachment_not_found")
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise NotFound(_("Lampiran tidak ditemukan."), code="attachment_not_found") from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
