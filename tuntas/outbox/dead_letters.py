"""Messages that could not be delivered: who may see them, and sending them again.

A Pemda's coordinators see the messages of reports in their Pemda; national admins
and superusers see all (including messages about no report, such as the digest).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import Visibility
from tuntas.audit.services import record_event
from tuntas.core.errors import NotFound, PermissionDenied
from tuntas.organisations.authority import scope_of
from tuntas.outbox.models import OutboxMessage, OutboxState
from tuntas.outbox.services import kick_worker

DEAD = "dead"
FAILING = "failing"
# Most message ids an audit event lists (the count is always recorded).
AUDITED_IDS = 200
# The largest id a message can have (a 64-bit primary key).
MAX_ID = 2**63 - 1


def parse_message_id(raw: str) -> int | None:
    """A posted message id, or None when it is not one (not digits, 0, beyond 64 bits):
    such an id names no message, and must not reach the database as a number."""
    text = raw.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def coordinator_pemdas(user: User) -> list[int]:
    return scope_of(user).coordinated_pemda_ids


def sees_all(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or scope_of(user).national))


def may_manage_dead_letters(user: User) -> bool:
    return bool(user.is_authenticated and (sees_all(user) or coordinator_pemdas(user)))


def problem_messages(user: User) -> QuerySet[OutboxMessage]:
    """DEAD messages and PENDING ones that failed at least once, within ``user``'s scope
    (nothing for someone who may not manage them)."""
    qs = OutboxMessage.objects.filter(
        Q(state=OutboxState.DEAD) | Q(state=OutboxState.PENDING, attempts__gt=0)
    )
    if sees_all(user):
        return qs
    pemdas = coordinator_pemdas(user)
    if not pemdas:
        return qs.none()
    return qs.filter(report__pemda_id__in=pemdas)


def filter_problem_messages(
    qs: QuerySet[OutboxMessage], *, state: str = "", channel: str = "", event: str = ""
) -> QuerySet[OutboxMessage]:
    """Narrow by ``state`` (``dead`` or ``failing``), channel and event."""
    if state == DEAD:
        qs = qs.filter(state=OutboxState.DEAD)
    elif state == FAILING:
        qs = qs.filter(state=OutboxState.PENDING)
    if channel:
        qs = qs.filter(channel=channel)
    if event:
        qs = qs.filter(event=event)
    return qs


def event_choices(user: User) -> list[str]:
    """The events that occur among the messages ``user`` may manage."""
    return sorted(problem_messages(user).order_by().values_list("event", flat=True).distinct())


@transaction.atomic
def retry_dead_messages(ids: Iterable[int], *, actor: User, now: datetime | None = None) -> int:
    """Queue the given dead (or failing) messages again: PENDING, attempts 0, due now.

    Every id must be a message ``actor`` may manage, else nothing changes (404 for
    ids outside the scope, 403 for someone who may manage none). Returns the count.
    """
    now = now or timezone.now()
    wanted = sorted(set(ids))
    if not may_manage_dead_letters(actor):
        raise PermissionDenied(_("Anda tidak berwenang mengirim ulang pesan."))
    if not wanted:
        return 0
    if not all(1 <= pk <= MAX_ID for pk in wanted):
        raise NotFound(
            _("Pesan tidak ditemukan, sudah terkirim, atau di luar cakupan Anda."),
            code="message_not_found",
        )
    found = list(
        problem_messages(actor)
        .select_for_update(of=("self",))
        .filter(pk__in=wanted)
        .values_list("pk", flat=True)
    )
    if len(found) != len(wanted):
        raise NotFound(
            _("Pesan tidak ditemukan, sudah terkirim, atau di luar cakupan Anda."),
            code="message_not_found",
        )
    count = OutboxMessage.objects.filter(pk__in=found).update(
        state=OutboxState.PENDING, attempts=0, next_attempt_at=now, last_error=""
    )
    record_event(
        action=AuditAction.OUTBOX_RETRY,
        actor=actor,
        now=now,
        visibility=Visibility.STAFF,
        data={"count": count, "ids": found[:AUDITED_IDS]},
    )
    transaction.on_commit(kick_worker)
    return count
