"""Request parsers: JSON read with a size and a nesting limit, forms with a size limit.

DRF's ``JSONParser`` reads the whole stream and lets ``json`` recurse as deep as the
body nests (``RecursionError``: a 500). ``SafeJSONParser`` reads at most
``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes (more is a 413 in the API's error shape) and
refuses nesting deeper than ``core.jsonsafe.MAX_DEPTH`` (a 400). It is the default
JSON parser of every API view (``REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]``), with
``SafeFormParser`` for urlencoded forms (DRF's reads the stream without Django's limit).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.parsers import FormParser, JSONParser

from tuntas.core import jsonsafe


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(
            detail
            or _("Isi permintaan terlalu besar (maksimal %(mb)s MB).")
            % {"mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)},
            self.default_code,
        )


class NestedTooDeep(exceptions.ParseError):
    default_code = "too_deep"

    def __init__(self) -> None:
        super().__init__(
            _("Isi JSON bersarang terlalu dalam (maksimal %(n)s tingkat).")
            % {"n": jsonsafe.MAX_DEPTH},
            self.default_code,
        )


class SafeJSONParser(JSONParser):
    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        context = parser_context or {}
        encoding = context.get("encoding", settings.DEFAULT_CHARSET)
        raw = _read_limited(stream)
        try:
            text = codecs.getdecoder(encoding)(raw)[0]
            return jsonsafe.loads(text, parse_constant=_refuse_constant)
        except jsonsafe.JsonTooDeep as exc:
            raise NestedTooDeep() from exc
        except (ValueError, LookupError) as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from exc


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are not JSON (DRF's strict mode refuses them too)."""
    raise ValueError(f"{name} is not valid JSON")


def _read_limited(stream: IO[Any]) -> bytes:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    raw: bytes = stream.read(limit + 1) if limit is not None else stream.read()
    if limit is not None and len(raw) > limit:
        raise RequestTooLarge()
    return raw


class SafeFormParser(FormParser):
    def parse(
        self,
        stream: IO[Any],
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        return super().parse(io.BytesIO(_read_limited(stream)), media_type, parser_context)
