"""Open311's api_key (and other secrets sent in URLs) never reach a log line."""

from __future__ import annotations

import logging

from django.test import RequestFactory

from tuntas.core.redaction import RedactSecretsFilter, SecretsExceptionReporterFilter, redact

SECRET = "tnt_abcdefgh_SuperSecretValue123"


def test_a_request_line_is_redacted():
    line = f'"POST /open311/v2/requests.json?jurisdiction_id=kapuas&api_key={SECRET} HTTP/1.1" 201'
    cleaned = redact(line)
    assert SECRET not in cleaned
    assert "api_key=[disembunyikan]" in cleaned
    assert "jurisdiction_id=kapuas" in cleaned


def test_the_log_filter_redacts_formatted_arguments():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s',
        (f"GET /x?api_key={SECRET}", 200),
        None,
    )
    assert RedactSecretsFilter().filter(record)
    assert SECRET not in record.getMessage()


def test_runserver_and_the_console_redact_through_the_configured_handlers():
    """The configured handlers (settings.LOGGING) carry the filter: runserver's own
    request log does not propagate to the root logger, so it needs its own."""
    for logger in (logging.getLogger("django.server"), logging.getLogger()):
        handlers = [h for h in logger.handlers if isinstance(h, logging.StreamHandler)]
        assert handlers, logger.name
        for handler in handlers:
            if not any(isinstance(f, RedactSecretsFilter) for f in handler.filters):
                continue
            record = logging.LogRecord(
                logger.name, logging.INFO, __file__, 1, "%s", (f"GET /?api_key={SECRET}",), None
            )
            assert handler.filter(record)
            assert SECRET not in record.getMessage()
            break
        else:
            raise AssertionError(f"no redacting handler on {logger.name or 'root'}")


def test_error_reports_hide_the_key_in_the_query_string():
    request = RequestFactory().get(f"/open311/v2/requests.json?api_key={SECRET}&x=1")
    meta = SecretsExceptionReporterFilter().get_safe_request_meta(request)
    assert SECRET not in meta["QUERY_STRING"]
