"""A personal-data archive as a download: never cached, never sniffed."""

from __future__ import annotations

from django.http import HttpResponse

ZIP = "application/zip"


def zip_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ZIP)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
