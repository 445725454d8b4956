"""What every report action shares: lock, authorise, change status, audit, clocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.models import Visibility
from tuntas.audit.services import record_event
from tuntas.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from tuntas.reports.access import capacities
from tuntas.reports.clocks import apply_effects
from tuntas.reports.hooks import ChangeBatch, ChangeContext
from tuntas.reports.models import Report, Status
from tuntas.reports.transitions import (
    INTERNAL_REASON_ACTIONS,
    PEER,
    SYSTEM,
    Action,
    Transition,
    transition_for,
)


@dataclass
class Actor:
    """Who acts: a signed-in user, a reporter proven by access code, the system, or a peer
    deployment (``is_peer``: a call made with the API key we issued it; ``user`` is that
    key's application user)."""

    user: User | None = None
    is_reporter_by_code: bool = False
    is_system: bool = False
    is_peer: bool = False
    capacity: str = field(default="")

    @property
    def label(self) -> str:
        if self.is_system:
            return _("Sistem")
        if self.user is not None:
            return self.user.display_name
        return _("Pelapor")


def as_actor(actor: Actor | User | None) -> Actor:
    if isinstance(actor, Actor):
        return actor
    return Actor(user=actor)


def now_or(now: datetime | None) -> datetime:
    return now or timezone.now()


# The easternmost Indonesian time zone (WIT): the first to reach a new date.
LATEST_INDONESIAN_ZONE = ZoneInfo("Asia/Jayapura")


def latest_local_date(now: datetime) -> date:
    """The latest calendar date anywhere in Indonesia at ``now``.

    A date people type (incident, field visit) is "in the future" only if it is later
    than this; comparing with ``now.date()`` would use UTC and refuse today's date
    every morning before 07:00 WIB.
    """
    return now.astimezone(LATEST_INDONESIAN_ZONE).date()


def lock_report(report: Report | int) -> Report:
    pk = report.pk if isinstance(report, Report) else report
    # ``of=("self",)``: lock the report row only; PostgreSQL refuses FOR UPDATE on the
    # nullable side of the outer joins that select_related makes for optional FKs.
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("pemda", "classification", "lead_agency", "reporter")
        .filter(pk=pk)
        .first()
    )
    if locked is None:
        raise NotFound(_("Laporan tidak ditemukan."), code="report_not_found")
    return locked


def authorize(actor: Actor, report: Report | None, action: Action) -> tuple[Transition, str]:
    """The table row and the capacity the actor acts in; refuses what is not allowed."""
    row = transition_for(action, report.status if report is not None else None)
    if actor.is_system:
        if SYSTEM not in row.actors:
            raise PermissionDenied(_("Aksi ini tidak dapat dilakukan oleh sistem."))
        return row, SYSTEM
    if actor.is_peer:
        if PEER not in row.actors:
            raise PermissionDenied(_("Aksi ini tidak dapat dilakukan oleh instansi Tuntas lain."))
        return row, PEER
    if report is None:
        raise ApplicationError("authorize() needs a report for non-intake actions")
    caps = capacities(actor.user, report, is_reporter=actor.is_reporter_by_code)
    allowed = caps & row.actors
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang melakukan aksi ini pada laporan ini."))
    return row, sorted(allowed)[0]


def change_status(
    report: Report,
    row: Transition,
    *,
    actor: Actor,
    capacity: str,
    now: datetime,
    reason: str = "",
    data: dict[str, Any] | None = None,
    visibility: Visibility = Visibility.PUBLIC,
    notify_extra: dict[str, Any] | ChangeContext | None = None,
    created: bool = False,
) -> None:
    """The only place a report's status is written; the change is then published to the
    after-change hook (``reports.hooks``: people, webhooks, federation)."""
    previous = None if created else Status(report.status)
    target = Status(row.target) if previous is None else row.target_for(previous)
    if created or target != previous:
        report.status = target
        report.status_changed_at = now
    report.save()
    internal = row.action in INTERNAL_REASON_ACTIONS
    record_event(
        action=row.action,
        actor=actor.user,
        actor_label=actor.label,
        now=now,
        report=report,
        from_status=str(previous) if previous is not None else "",
        to_status=str(target),
        reason=reason,
        visibility=visibility,
        data={
            "capacity": capacity,
            **(data or {}),
            **({"internal_reason": True} if internal else {}),
        },
    )
    apply_effects(report, row.action, now)
    with ChangeBatch(now) as changes:
        changes.publish(
            report,
            row.action,
            actor=actor.user,
            now=now,
            reason=reason,
            reporter_reason="" if internal else reason,
            visibility=visibility,
            context=notify_extra,
        )


def require_text(value: str | None, field_name: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed({field_name: [message]})
    return text
