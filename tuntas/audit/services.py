from __future__ import annotations

from datetime import datetime
from typing import Any

from tuntas.accounts.models import User
from tuntas.audit.models import AuditEvent, Visibility
from tuntas.organisations.models import Organisation


def record_event(
    *,
    action: str,
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
        actor_label = actor.display_name if actor is not None else "Sistem"
    return AuditEvent.objects.create(
        created_at=now,
        actor=actor,
        actor_label=actor_label,
        action=action,
        report=report,
        organisation=organisation,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        visibility=visibility,
        data=data or {},
    )
