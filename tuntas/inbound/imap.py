"""Poll a mailbox over IMAP: store each unseen message, then mark it seen."""

from __future__ import annotations

import imaplib
import logging
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from tuntas.inbound.parsing import parse_email, raw_text
from tuntas.inbound.services import process_stored, store_messages

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 30


class ImapFailed(Exception):
    pass


def _ok(result: tuple[str, list[Any]], what: str) -> list[Any]:
    status, data = result
    if status != "OK":
        raise ImapFailed(f"IMAP {what} failed: {status} {data!r}")
    return data


def _raw_message(data: list[Any]) -> bytes | None:
    """The message bytes in a FETCH answer (``[(b'1 (BODY[] {n}', b'...'), b')']``)."""
    for item in data:
        if isinstance(item, tuple) and len(item) >= 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def poll_imap(*, now: datetime | None = None, limit: int = 100) -> int:
    """Fetch UNSEEN messages; each is stored (its own transaction, Message-ID dedupe)
    before it is flagged ``\\Seen``, so a crash in between only means a redelivery,
    which is stored once. Returns the number of messages newly stored."""
    host = settings.TUNTAS_IMAP_HOST
    if not host:
        return 0
    now = now or timezone.now()
    factory = imaplib.IMAP4_SSL if settings.TUNTAS_IMAP_SSL else imaplib.IMAP4
    client = factory(host, settings.TUNTAS_IMAP_PORT, timeout=TIMEOUT_SECONDS)
    stored = 0
    try:
        _ok(client.login(settings.TUNTAS_IMAP_USER, settings.TUNTAS_IMAP_PASSWORD), "LOGIN")
        _ok(client.select(settings.TUNTAS_IMAP_FOLDER), "SELECT")
        found = _ok(client.uid("SEARCH", "UNSEEN"), "SEARCH")
        uids = found[0].split() if found and isinstance(found[0], bytes) else []
        for uid in [u.decode() for u in uids[:limit]]:
            raw = _raw_message(_ok(client.uid("FETCH", uid, "(BODY.PEEK[])"), "FETCH"))
            if raw is None:
                logger.warning("IMAP message %s had no body; left unseen", uid)
                continue
            parsed = parse_email(raw, fallback_destination=settings.TUNTAS_IMAP_USER)
            ids = store_messages([parsed], raw=raw_text(raw), now=now)
            _ok(client.uid("STORE", uid, "+FLAGS", "(\\Seen)"), "STORE")
            stored += len(ids)
            process_stored(ids, now=now)
    finally:
        try:
            client.logout()
        except Exception:
            logger.warning("IMAP logout failed", exc_info=True)
    return stored
