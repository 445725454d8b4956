"""One report per submitted form: the web form's token and the API's ``Idempotency-Key``.

``submit_once`` wraps ``actions.submit_report``: the report and a ``SubmissionKey`` row
are written in one transaction, and the key is unique in the database. A replay of the
same form (a double click, a browser or client retrying after a timeout, a second
concurrent post) therefore never makes a second report: the loser's insert fails on the
unique index (PostgreSQL makes it wait for the winner's commit; SQLite runs writers one
at a time), its transaction rolls back (report, audit events, outbox rows and all), and
it answers the winner's report.

What a replay answers (docs/security.md, "Hostile input"):

- the same tracking ID and status, marked as a replay;
- the access code again only when the replay carries the same key and the same content
  and comes within ``REVEAL_SECONDS`` of the first answer. The code is stored sealed
  with a pad derived from the raw key (HMAC with the server's secret), and the server
  keeps only a keyed hash of the key, so the code can be recovered only by whoever holds
  the key: the browser that was given the form, or the API client that chose the key.
  After the window the replay answers without the code (the reporter had it on the
  first answer). Someone who reuses a key with other content gets a 409 and learns
  nothing about the first report.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.core.errors import Conflict
from tuntas.reports import actions
from tuntas.reports.models import Report, SubmissionKey

# How long a replay by the same sender may show the access code again.
REVEAL_SECONDS = 30 * 60


@dataclass(frozen=True)
class Key:
    """A submission key: ``scope`` keeps the web's tokens, each API account's keys and
    anonymous API keys apart; ``value`` is the raw token or header."""

    scope: str
    value: str


@dataclass(frozen=True)
class Outcome:
    report: Report
    access_code: str  # "" when a replay may not show it
    replayed: bool


def _mac(purpose: str, key: Key) -> bytes:
    message = f"{purpose}\x1f{key.scope}\x1f{key.value}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()


def key_digest(key: Key) -> str:
    return _mac("submission-key", key).hex()


def _seal(code: str, key: Key) -> str:
    pad = _mac("submission-seal", key)
    raw = code.encode()
    if len(raw) > len(pad):
        return ""
    return bytes(a ^ b for a, b in zip(raw, pad, strict=False)).hex()


def _unseal(sealed: str, key: Key) -> str:
    try:
        raw = bytes.fromhex(sealed)
    except ValueError:
        return ""
    pad = _mac("submission-seal", key)
    return bytes(a ^ b for a, b in zip(raw, pad, strict=False)).decode("ascii", "replace")


def fingerprint(data: actions.ReportInput, reporter: User | None) -> str:
    """A keyed hash of what was submitted (every field and every file's content)."""

    def pk(value: object) -> object:
        return getattr(value, "pk", value)

    content = {
        "reporter": reporter.pk if reporter else None,
        "title": data.title,
        "description": data.description,
        "classification": pk(data.classification),
        "channel": pk(data.channel),
        "pemda": pk(data.pemda),
        "category": pk(data.category),
        "incident_date": data.incident_date.isoformat() if data.incident_date else None,
        "location_text": data.location_text,
        "region": pk(data.region),
        "requested_agency": pk(data.requested_agency),
        "reporter_name": data.reporter_name,
        "reporter_nik": data.reporter_nik,
        "reporter_phone": data.reporter_phone,
        "reporter_email": data.reporter_email,
        "is_anonymous": data.is_anonymous,
        "is_confidential": data.is_confidential,
        "files": [hashlib.sha256(f.content).hexdigest() for f in data.attachments],
    }
    canonical = json.dumps(content, sort_keys=True, default=str).encode()
    return hmac.new(
        settings.SECRET_KEY.encode(), b"submission-content\x1f" + canonical, hashlib.sha256
    ).hexdigest()


def submit_once(
    data: actions.ReportInput,
    *,
    actor: actions.Actor,
    key: Key | None,
    now: datetime | None = None,
) -> Outcome:
    """Submit the report, or answer the report this key already made."""
    now = now or timezone.now()
    reporter = actor.user
    if key is None:
        submitted = actions.submit_report(data, actor=actor, now=now)
        return Outcome(submitted.report, submitted.access_code, replayed=False)
    digest = key_digest(key)
    content = fingerprint(data, reporter)
    existing = _existing(digest)
    if existing is not None:
        return _replay(existing, key, content, now)
    try:
        with actions.composed_transaction():
            submitted = actions.submit_report(data, actor=actor, now=now)
            SubmissionKey.objects.create(
                key=digest,
                report=submitted.report,
                fingerprint=content,
                sealed_code=_seal(submitted.access_code, key),
                created_at=now,
            )
    except IntegrityError:
        existing = _existing(digest)
        if existing is None:
            raise  # another constraint: a bug, not a replay
        return _replay(existing, key, content, now)
    return Outcome(submitted.report, submitted.access_code, replayed=False)


def _existing(digest: str) -> SubmissionKey | None:
    return SubmissionKey.objects.select_related("report").filter(key=digest).first()


def _replay(existing: SubmissionKey, key: Key, content: str, now: datetime) -> Outcome:
    if not hmac.compare_digest(existing.fingerprint, content):
        raise Conflict(
            _(
                "Formulir ini sudah pernah dikirim dengan isi yang lain. Periksa isian Anda "
                "lalu kirim lagi sebagai laporan baru."
            ),
            code="submission_key_reused",
        )
    code = ""
    if now - existing.created_at <= timedelta(seconds=REVEAL_SECONDS):
        code = _unseal(existing.sealed_code, key)
    return Outcome(existing.report, code, replayed=True)
