"""Django's own 400: a request refused before (or outside) any view's error handling.

Django answers a ``SuspiciousOperation`` (a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``,
more than ``DATA_UPLOAD_MAX_NUMBER_FILES`` files or ``DATA_UPLOAD_MAX_NUMBER_FIELDS``
fields, a malformed multipart body, a bad host) through ``handler400``. Under ``/api/``
``bad_request`` answers the API's JSON error shape (``tuntas/api/errors.py``: 413 for
what is too large or too many, else 400); on the web a short Indonesian page with the
same status. Nothing was stored: the request never reached an action. The API's
exception handler uses ``suspicious_answer`` for the same refusals raised inside DRF.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def suspicious_answer(exc: SuspiciousOperation) -> tuple[int, str, str]:
    """Status, code and sentence for a request Django refused as hostile."""
    if isinstance(exc, RequestDataTooBig):
        mb = max(1, settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))
        message = _("Isi permintaan terlalu besar (maksimal %(mb)s MB di luar berkas).")
        return 413, "request_too_large", message % {"mb": mb}
    if isinstance(exc, TooManyFilesSent):
        message = _("Terlalu banyak berkas dalam satu permintaan (maksimal %(n)s lampiran).")
        return 413, "too_many_files", message % {"n": settings.TUNTAS_MAX_ATTACHMENTS}
    if isinstance(exc, TooManyFieldsSent):
        return 413, "too_many_fields", _("Terlalu banyak isian dalam satu permintaan.")
    return 400, "bad_request", _("Permintaan tidak sah dan ditolak.")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, SuspiciousOperation):
        status, code, message = suspicious_answer(exception)
    else:
        status, code, message = 400, "bad_request", _("Permintaan tidak sah dan ditolak.")
    if request.path.startswith("/api/"):
        body = {"error": {"code": code, "message": message, "fields": {}}}
        return JsonResponse(body, status=status)
    try:
        html = render_to_string(
            "400.html", {"message": message, "too_large": status == 413}, request=request
        )
    except Exception:  # this page must never fail: plain text instead
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    return HttpResponse(html, status=status)
