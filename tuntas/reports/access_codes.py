"""Access codes of reports, kept as a keyed fast hash (HMAC-SHA256 with a server secret).

An access code is 8 random characters from a 31-letter alphabet (about 40 bits), given
once to a reporter without an account. A password hasher (PBKDF2, deliberately slow) is
the wrong tool: it cost about 85 % of a submission's time, and the codes are random, not
chosen by people, so there is no dictionary to slow down. What protects a stored code is
the key: without it a stolen database row cannot be tested offline at all; with the
throttles in front (``tracking`` in the API, the tracking page's limit) online guessing
is slow.

Stored form: ``hmac-sha256$<key id>$<hex digest>``. Keys come from
``TUNTAS_ACCESS_CODE_KEYS`` (newest first; the first signs new codes, the others still
verify), or, when that is empty, are derived from ``SECRET_KEY`` and its
``SECRET_KEY_FALLBACKS``. Hashes from before (Django's ``make_password`` formats,
e.g. ``pbkdf2_sha256$...``) still verify through ``check_password`` and are left as they
are: checking a code is a read and writes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from django.conf import settings
from django.contrib.auth.hashers import check_password

PREFIX = "hmac-sha256"
# The only message the derived key is ever used for.
_DERIVATION = b"tuntas.reports.access_code.v1"


def _key_id(key: bytes) -> str:
    return hashlib.sha256(b"tuntas-access-code-key-id\n" + key).hexdigest()[:8]


@cache
def _keys_for(
    configured: tuple[str, ...], secrets: tuple[str, ...]
) -> tuple[tuple[str, bytes], ...]:
    if configured:
        raw = [k.encode() for k in configured]
    else:
        raw = [hmac.new(s.encode(), _DERIVATION, hashlib.sha256).digest() for s in secrets]
    return tuple((_key_id(k), k) for k in raw)


def keys() -> tuple[tuple[str, bytes], ...]:
    """``(key id, key)`` pairs, the signing key first."""
    configured = tuple(getattr(settings, "TUNTAS_ACCESS_CODE_KEYS", ()) or ())
    secrets = (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ()))
    return _keys_for(configured, tuple(secrets))


def _digest(key: bytes, code: str) -> str:
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def hash_access_code(code: str) -> str:
    key_id, key = keys()[0]
    return f"{PREFIX}${key_id}${_digest(key, code)}"


def verify_access_code(code: str, stored: str) -> bool:
    """Whether ``code`` is the code ``stored`` was made from (compared in constant time).

    An empty ``stored`` (or one signed with a key no longer configured) never matches,
    and costs one HMAC like any other check.
    """
    if stored.startswith(PREFIX + "$"):
        _prefix, key_id, digest = [*stored.split("$", 2), "", ""][:3]
        by_id = dict(keys())
        key = by_id.get(key_id)
        expected = _digest(key if key is not None else keys()[0][1], code)
        return key is not None and hmac.compare_digest(expected, digest)
    if not stored:
        _digest(keys()[0][1], code)  # the same work as a real check
        return False
    return bool(check_password(code, stored))  # a hash from before: still valid
