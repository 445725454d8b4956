"""POST a JSON body to a channel's HTTP API: timeouts always, no redirects, and the
idempotency key in a header."""

from __future__ import annotations

import json
import urllib.request
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from tuntas.outbox.channels.base import TransportError

TIMEOUT_SECONDS = 10
# 4xx answers worth retrying: timeout, a concurrent request with the same key, too
# early, rate limited. Every other 4xx (and any 3xx) means the request itself is wrong.
RETRYABLE_CLIENT_ERRORS = frozenset({408, 409, 425, 429})
USER_AGENT = "Tuntas-Outbox/1"
MAX_ANSWER_BYTES = 65536


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect would turn the POST into a GET without its body: refuse it instead."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def is_retryable_status(status: int) -> bool:
    return status >= 500 or status in RETRYABLE_CLIENT_ERRORS


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float) -> bytes:
    """POST ``body``: the first 64 KiB of the answer on 2xx, else ``TransportError``
    (permanent unless the status is worth retrying; network failures are retried)."""
    if urlsplit(url).scheme not in {"http", "https"}:
        raise TransportError(_("Alamat API tidak sah: %(url)s") % {"url": url}, permanent=True)
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url, data=body, headers={"User-Agent": USER_AGENT, **headers}, method="POST"
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            return bytes(response.read(MAX_ANSWER_BYTES))
    except HTTPError as exc:
        detail = exc.read(500).decode("utf-8", "replace") if exc.fp is not None else ""
        raise TransportError(
            f"HTTP {exc.code}: {detail}".strip(), permanent=not is_retryable_status(exc.code)
        ) from exc
    except (URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise TransportError(
            _("Gagal menghubungi %(host)s: %(reason)s")
            % {"host": urlsplit(url).netloc, "reason": reason}
        ) from exc


def post_json(url: str, payload: dict[str, Any], *, idempotency_key: str, token: str = "") -> None:
    """Send ``payload``; return on 2xx, else raise ``TransportError`` (permanent or not)."""
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "Idempotency-Key": idempotency_key,
    }
    if token:
        headers["Authorization"] = f"Bearer {token}"
    post(url, json.dumps(payload).encode(), headers, timeout=TIMEOUT_SECONDS)
