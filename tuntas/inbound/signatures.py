"""Webhook signatures: ``sha256=<hex HMAC-SHA256 of the raw body>``, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def valid_signature(body: bytes, header: str | None, secret: str) -> bool:
    if not secret or not header:
        return False
    return hmac.compare_digest(sign(body, secret).encode(), header.strip().lower().encode())
