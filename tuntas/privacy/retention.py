"""Retention: personal data is kept only as long as a setting says (docs/privacy.md).

``purge(now=..., dry_run=...)`` is the hourly job (Celery beat ``purge-personal-data``,
``manage.py purge_personal_data``): it first carries out the erasure requests whose
waiting period has passed, then, for each kind of data past its period
(``TUNTAS_RETENTION_*_DAYS``; 0 keeps it for ever):

* ``reporter_identity``: the name, NIK, phone and e-mail typed on a report closed,
  archived, forwarded or sent to Ombudsman that long ago (an account's own details stay
  while the account exists: its owner may erase it);
* ``attachments``: the files the reporter gave to such a report (evidence, completed data;
  staff's field photos, Berita Acara and follow-up files are the record and stay);
* ``inbound_raw``: the raw payload of received messages (and, for messages never turned
  into a report or a reply, the sender and the text);
* ``outbox_bodies``: the body and address of messages sent or given up;
* ``api_key_uses``: the per-request log of API keys;
* ``failed_sign_ins``: failed sign-in and second-factor events (the username typed and the
  address).

One audit event per run (``personal_data_purged``) with the counts; none for a dry run,
which changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from tuntas.apikeys.models import ApiKeyUse
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import AuditEvent
from tuntas.audit.services import record_event
from tuntas.inbound.models import InboundMessage, InboundState
from tuntas.outbox.models import OutboxMessage, OutboxState
from tuntas.privacy.erasure import SIGN_IN_EVENTS, carry_out_due, delete_files_after_commit
from tuntas.reports.models import Attachment, Report
from tuntas.reports.models.status import TERMINAL_STATUSES
from tuntas.reports.selectors import REPORTER_FILE_KINDS

BATCH = 1000
NEVER_HANDLED = (InboundState.DISMISSED, InboundState.UNPARSEABLE)

# kind -> setting
PERIODS: dict[str, str] = {
    "reporter_identity": "TUNTAS_RETENTION_REPORTER_IDENTITY_DAYS",
    "attachments": "TUNTAS_RETENTION_ATTACHMENT_DAYS",
    "inbound_raw": "TUNTAS_RETENTION_INBOUND_RAW_DAYS",
    "outbox_bodies": "TUNTAS_RETENTION_OUTBOX_BODY_DAYS",
    "api_key_uses": "TUNTAS_RETENTION_API_KEY_USE_DAYS",
    "failed_sign_ins": "TUNTAS_RETENTION_FAILED_SIGN_IN_DAYS",
}


@dataclass
class PurgeResult:
    dry_run: bool
    erasures: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    periods: dict[str, int] = field(default_factory=dict)

    def as_data(self) -> dict[str, Any]:
        return {"erasures": self.erasures, "counts": self.counts, "periods_days": self.periods}


def _cutoff(kind: str, now: datetime) -> datetime | None:
    days = int(getattr(settings, PERIODS[kind]))
    return now - timedelta(days=days) if days > 0 else None


def _closed_before(cutoff: datetime) -> QuerySet[Report]:
    return Report.objects.filter(status__in=list(TERMINAL_STATUSES), status_changed_at__lte=cutoff)


def _identities(cutoff: datetime) -> QuerySet[Report]:
    typed = (
        ~Q(reporter_name="") | ~Q(reporter_nik="") | ~Q(reporter_phone="") | ~Q(reporter_email="")
    )
    return _closed_before(cutoff).filter(typed)


def _attachments(cutoff: datetime) -> QuerySet[Attachment]:
    return Attachment.objects.filter(
        kind__in=REPORTER_FILE_KINDS, report__in=_closed_before(cutoff).values("pk")
    )


def _inbound(cutoff: datetime) -> QuerySet[InboundMessage]:
    old = InboundMessage.objects.filter(received_at__lte=cutoff).exclude(
        state=InboundState.RECEIVED
    )
    return old.filter(~Q(raw="") | (Q(state__in=NEVER_HANDLED) & (~Q(sender="") | ~Q(text=""))))


def _outbox(cutoff: datetime) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.filter(
        state__in=[OutboxState.SENT, OutboxState.DEAD], created_at__lte=cutoff
    ).filter(~Q(body="") | ~Q(address=""))


def _api_key_uses(cutoff: datetime) -> QuerySet[ApiKeyUse]:
    return ApiKeyUse.objects.filter(at__lte=cutoff)


def _failed_sign_ins(cutoff: datetime) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        action__in=[str(a) for a in SIGN_IN_EVENTS], created_at__lte=cutoff
    )


def _delete_attachments(files: QuerySet[Attachment]) -> int:
    done = 0
    while True:
        batch = list(files.order_by("pk")[:BATCH])
        if not batch:
            return done
        paths = [str(a.file.name) for a in batch if a.file]
        Attachment.objects.filter(pk__in=[a.pk for a in batch]).delete()
        delete_files_after_commit(paths)
        done += len(batch)


def _apply(kind: str, cutoff: datetime) -> int:
    if kind == "reporter_identity":
        return _identities(cutoff).update(
            reporter_name="", reporter_nik="", reporter_phone="", reporter_email=""
        )
    if kind == "attachments":
        return _delete_attachments(_attachments(cutoff))
    if kind == "inbound_raw":
        old = _inbound(cutoff)
        never = old.filter(state__in=NEVER_HANDLED).update(
            raw="", sender="", sender_name="", subject="", text=""
        )
        return never + old.exclude(state__in=NEVER_HANDLED).update(raw="")
    if kind == "outbox_bodies":
        return _outbox(cutoff).update(body="", address="")
    if kind == "api_key_uses":
        return _api_key_uses(cutoff).delete()[0]
    if kind == "failed_sign_ins":
        return _failed_sign_ins(cutoff).delete()[0]
    raise ValueError(kind)


def _count(kind: str, cutoff: datetime) -> int:
    queries: dict[str, QuerySet[Any]] = {
        "reporter_identity": _identities(cutoff),
        "attachments": _attachments(cutoff),
        "inbound_raw": _inbound(cutoff),
        "outbox_bodies": _outbox(cutoff),
        "api_key_uses": _api_key_uses(cutoff),
        "failed_sign_ins": _failed_sign_ins(cutoff),
    }
    return queries[kind].count()


def purge(*, now: datetime, dry_run: bool = False) -> PurgeResult:
    """Carry out due erasures, then apply every retention period (one audit event)."""
    result = PurgeResult(dry_run=dry_run)
    result.erasures = len(carry_out_due(now=now, dry_run=dry_run))
    with transaction.atomic():
        for kind, setting in PERIODS.items():
            result.periods[kind] = int(getattr(settings, setting))
            cutoff = _cutoff(kind, now)
            if cutoff is None:
                result.counts[kind] = 0
                continue
            result.counts[kind] = _count(kind, cutoff) if dry_run else _apply(kind, cutoff)
        if not dry_run:
            record_event(
                action=AuditAction.PERSONAL_DATA_PURGED,
                actor=None,
                now=now,
                data=result.as_data(),
            )
    return result
