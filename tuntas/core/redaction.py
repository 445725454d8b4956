"""Keeping secrets that travel in URLs out of logs and error reports.

Open311 clients may send their API key as the ``api_key`` query parameter (the
GeoReport v2 specification says so). Every log line (runserver's request lines, Django's
request warnings, anything else) passes ``RedactSecretsFilter``, and error reports
(``DEFAULT_EXCEPTION_REPORTER_FILTER``) hide those parameters in GET and POST data.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.http import HttpRequest, QueryDict
from django.views.debug import SafeExceptionReporterFilter

# Parameter names whose values are secrets wherever they appear in a URL or form.
SECRET_PARAMETERS = ("api_key", "access_code", "token", "password", "otp")
REDACTED = "[disembunyikan]"
_PATTERN = re.compile(
    r"(?P<name>(?:^|(?<=[?&;\s\"'/]))(?:" + "|".join(SECRET_PARAMETERS) + r"))="
    r"(?P<value>[^&\s\"';#]*)",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """``text`` with the value of every secret ``name=value`` pair replaced."""
    return _PATTERN.sub(lambda m: f"{m.group('name')}={REDACTED}", text)


class RedactSecretsFilter(logging.Filter):
    """A logging filter: formats the record's message once, redacted."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave the record to the handler
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = ()
        return True


class SecretsExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error reports hide secret parameters of the query string too, not only of POST."""

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        return self._cleansed(super().get_post_parameters(request))

    def get_safe_request_meta(self, request: HttpRequest) -> dict[str, Any]:
        meta = super().get_safe_request_meta(request)
        for key in ("QUERY_STRING", "REQUEST_URI", "RAW_URI", "PATH_INFO"):
            if isinstance(meta.get(key), str):
                meta[key] = redact(meta[key])
        return meta

    def _cleansed(self, params: Any) -> Any:
        if not isinstance(params, QueryDict | dict):
            return params
        cleaned = params.copy()
        for name in list(cleaned.keys()):
            if str(name).lower() in SECRET_PARAMETERS:
                cleaned[name] = self.cleansed_substitute
        return cleaned
