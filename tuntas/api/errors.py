"""One error shape for the whole API.

Every refusal is answered as::

    {"error": {"code": "...", "message": "<Indonesian sentence>", "fields": {field: [messages]}}}

with the HTTP status that fits: 400 bad input, 401 not signed in, 403 not allowed,
404 not found (a report outside your scope does not exist for you), 409 conflict
(e.g. an action the report's status does not allow), 413 a body too large, 429 too
many requests. Django's own refusals of a hostile request (a body over
``DATA_UPLOAD_MAX_MEMORY_SIZE``, more files or fields than allowed, any other
``SuspiciousOperation``) get the same shape, whether DRF sees them (``exception_handler``)
or Django does before any view runs (``tuntas.core.errorpages.bad_request``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import set_rollback

from tuntas.core.errorpages import suspicious_answer
from tuntas.core.errors import ApplicationError, ValidationFailed


def error_body(
    code: str, message: str, fields: Mapping[str, list[str]] | None = None
) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": dict(fields or {})}}


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as ``{"field" | "field.0.sub": [messages]}``."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            for sub, messages in flatten_errors(value, name).items():
                out.setdefault(sub, []).extend(messages)
    elif isinstance(detail, Sequence) and not isinstance(detail, str):
        key = prefix or api_settings.NON_FIELD_ERRORS_KEY
        for index, item in enumerate(detail):
            if isinstance(item, Mapping | list):
                for sub, messages in flatten_errors(item, f"{key}.{index}").items():
                    out.setdefault(sub, []).extend(messages)
            else:
                out.setdefault(key, []).append(str(item))
    else:
        out.setdefault(prefix or api_settings.NON_FIELD_ERRORS_KEY, []).append(str(detail))
    return out


def _drf_message(exc: exceptions.APIException) -> tuple[str, str]:
    """A stable code and an Indonesian sentence for a DRF exception."""
    if isinstance(exc, exceptions.ValidationError):
        return "validation_error", _("Data yang dikirim belum benar.")
    if isinstance(exc, exceptions.NotAuthenticated):
        return "not_authenticated", _(
            "Anda belum masuk. Kirim token (Authorization: Token …) atau masuk terlebih dahulu."
        )
    if isinstance(exc, exceptions.AuthenticationFailed):
        return "authentication_failed", _("Token atau sesi tidak sah. Masuk kembali.")
    if isinstance(exc, exceptions.PermissionDenied):
        detail = str(exc.detail)
        if detail == str(exceptions.PermissionDenied.default_detail):
            detail = _("Anda tidak berwenang melakukan ini.")
        return "permission_denied", detail
    if isinstance(exc, exceptions.NotFound):
        return "not_found", _("Data tidak ditemukan.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return "method_not_allowed", _("Metode HTTP ini tidak didukung di alamat ini.")
    if isinstance(exc, exceptions.NotAcceptable):
        return "not_acceptable", _("Format jawaban yang diminta tidak tersedia.")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return "unsupported_media_type", _(
            "Jenis isi permintaan tidak didukung. Gunakan JSON atau multipart/form-data."
        )
    if isinstance(exc, exceptions.Throttled):
        wait = getattr(exc, "wait", None)
        if wait:
            return "throttled", _(
                "Terlalu banyak permintaan. Coba lagi dalam %(seconds)s detik."
            ) % {"seconds": int(wait) + 1}
        return "throttled", _("Terlalu banyak permintaan. Coba lagi nanti.")
    if isinstance(exc, exceptions.ParseError):
        if exc.default_code == "too_deep":
            return "too_deep", str(exc.detail)
        return "parse_error", _("Isi permintaan tidak dapat dibaca (JSON atau formulir rusak).")
    return str(exc.default_code), str(exc.detail)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's ``EXCEPTION_HANDLER``: map application and DRF errors to the one shape."""
    if isinstance(exc, ApplicationError):
        fields = exc.errors if isinstance(exc, ValidationFailed) else {}
        set_rollback()
        return Response(error_body(exc.code, exc.message, fields), status=exc.status)
    if isinstance(exc, SuspiciousOperation):
        status_code, code, message = suspicious_answer(exc)
        set_rollback()
        return Response(error_body(code, message), status=status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: let Django answer 500 and log it
    headers: dict[str, str] = {}
    if auth_header := getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = auth_header
    if wait := getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(wait))
    code, message = _drf_message(exc)
    fields = flatten_errors(exc.detail) if isinstance(exc, exceptions.ValidationError) else {}
    set_rollback()
    return Response(error_body(code, message, fields), status=exc.status_code, headers=headers)


class ErrorDetailSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="Stable, machine-readable error code.")
    message = serializers.CharField(help_text="A sentence for people (Indonesian by default).")
    fields = serializers.DictField(  # type: ignore[assignment]  # DRF declared field
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per input field (empty unless the input was refused).",
    )


class ErrorSerializer(serializers.Serializer[Any]):
    error = ErrorDetailSerializer()


_ERROR_DESCRIPTIONS: dict[int, str] = {
    status.HTTP_400_BAD_REQUEST: "Bad input; `fields` says what to fix. Nothing was changed.",
    status.HTTP_401_UNAUTHORIZED: "Not signed in (send a token or a session cookie).",
    status.HTTP_403_FORBIDDEN: "Signed in, but this role may not do this.",
    status.HTTP_404_NOT_FOUND: "Not found, or outside your scope.",
    status.HTTP_409_CONFLICT: "The report's status does not allow this action now.",
    status.HTTP_413_REQUEST_ENTITY_TOO_LARGE: "The body, its fields or its files are too many "
    "or too large (`request_too_large`, `too_many_files`, `too_many_fields`).",
    status.HTTP_429_TOO_MANY_REQUESTS: "Too many requests; retry after `Retry-After` seconds.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """Schema entries for the error statuses an operation may answer with."""
    return {
        code: OpenApiResponse(response=ErrorSerializer, description=_ERROR_DESCRIPTIONS[code])
        for code in codes
    }
