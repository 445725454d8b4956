"""The one writer of the audit trail: ``record_event`` for one change, ``record_events``
for a batch (the clock sweep). Every action written is a member of the catalogue
(``tuntas.audit.catalogue``), never a free string."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tuntas.audit.catalogue import is_catalogued
from tuntas.audit.models import AuditEvent, IdentitySurface, IdentityView, Visibility
from tuntas.core.bulk import insert_values

if TYPE_CHECKING:
    # Types only: the user and organisation apps record audit events themselves.
    from tuntas.accounts.models import User
    from tuntas.organisations.models import Organisation

SYSTEM_LABEL = "Sistem"


def _checked(action: enum.StrEnum) -> str:
    if not is_catalogued(action):
        raise ValueError(f"audit action {action!r} is not in the catalogue")
    return str(action)


def record_event(
    *,
    action: enum.StrEnum,
    actor: User | None,
    now: datetime,
    report: Any = None,
    organisation: Organisation | None = None,
    from_status: str = "",
    to_status: str = "",
    reason: str = "",
    visibility: Visibility = Visibility.STAFF,
    data: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    if not actor_label:
        actor_label = actor.display_name if actor is not None else SYSTEM_LABEL
    return AuditEvent.objects.create(
        created_at=now,
        actor=actor,
        actor_label=actor_label,
        action=_checked(action),
        report=report,
        organisation=organisation,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        visibility=visibility,
        data=data or {},
    )


@dataclass(frozen=True)
class SystemEvent:
    """One event of a batch the system writes (no actor)."""

    action: enum.StrEnum
    report_id: int
    from_status: str
    to_status: str
    reason: str
    visibility: Visibility
    data: dict[str, Any] = field(default_factory=dict)


_BATCH_FIELDS = (
    "created_at",
    "actor_label",
    "action",
    "report_id",
    "from_status",
    "to_status",
    "reason",
    "visibility",
    "data",
)


def record_events(events: Sequence[SystemEvent], *, now: datetime) -> int:
    """Write many system events at once (COPY on PostgreSQL)."""
    rows = [
        (
            now,
            SYSTEM_LABEL,
            _checked(e.action),
            e.report_id,
            e.from_status,
            e.to_status,
            e.reason,
            str(e.visibility),
            e.data,
        )
        for e in events
    ]
    return insert_values(AuditEvent, _BATCH_FIELDS, rows)


def record_identity_view(
    *,
    viewer: User,
    report: Any,
    surface: IdentitySurface,
    now: datetime,
    capacities: Sequence[str] = (),
) -> IdentityView:
    """One staff member seeing one reporter's identity on one surface: one insert."""
    return IdentityView.objects.create(
        created_at=now,
        viewer=viewer,
        report=report,
        subject_id=report.reporter_id,
        surface=surface,
        capacities=",".join(sorted(capacities))[:200],
    )
