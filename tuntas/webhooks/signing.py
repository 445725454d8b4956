"""Signatures on webhook deliveries, and their check for receivers.

The header is ``X-Tuntas-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`` where the
HMAC is computed with the subscription's secret over ``"<t>.<raw body>"``. Receivers call
``verify_signature(secret, header, body)`` (or re-implement these few lines): the
timestamp stops replays of an old delivery, the HMAC stops forgeries and tampering.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

SIGNATURE_HEADER = "X-Tuntas-Signature"
SECRET_PREFIX = "whsec_"  # noqa: S105 - a prefix that marks secrets, not one


def new_secret() -> str:
    """A fresh signing secret (32 random bytes, URL-safe)."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, *, timestamp: int | None = None) -> str:
    """The ``X-Tuntas-Signature`` value for ``body`` sent at ``timestamp`` (default: now)."""
    ts = int(time.time()) if timestamp is None else timestamp
    return f"t={ts},v1={_digest(secret, ts, body)}"


def _parse(header: str) -> tuple[int | None, list[str]]:
    timestamp: int | None = None
    signatures: list[str] = []
    for part in header.split(","):
        key, _sep, value = part.strip().partition("=")
        if key == "t":
            try:
                timestamp = int(value)
            except ValueError:
                return None, []
        elif key == "v1" and value:
            signatures.append(value)
    return timestamp, signatures


def verify_signature(
    secret: str,
    header: str,
    body: bytes | str,
    tolerance: int = 300,
    *,
    now: float | None = None,
) -> bool:
    """Whether ``header`` is a valid signature of ``body`` (the raw request body) made
    with ``secret`` at most ``tolerance`` seconds ago (or ahead). ``now``: for tests."""
    raw = body.encode() if isinstance(body, str) else body
    timestamp, signatures = _parse(header or "")
    if timestamp is None or not signatures:
        return False
    current = time.time() if now is None else now
    if tolerance >= 0 and abs(current - timestamp) > tolerance:
        return False
    expected = _digest(secret, timestamp, raw)
    return any(hmac.compare_digest(expected, sig) for sig in signatures)
