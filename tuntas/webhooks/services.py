"""Every write to webhook subscriptions: create, change, rotate the secret, delete, ping.

Each runs in one transaction, checks that the actor may manage the organisation, and
records an audit event (never with the secret).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import Visibility
from tuntas.audit.services import record_event
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.organisations.models import Organisation
from tuntas.outbox.queue import queue
from tuntas.webhooks.access import WebhookScope, manageable_organisations, webhook_scope
from tuntas.webhooks.events import event_types, ping_body, webhook_message
from tuntas.webhooks.models import PING, EventType, WebhookSubscription
from tuntas.webhooks.signing import new_secret
from tuntas.webhooks.targets import TargetRefused, check_url

# Enough for real integrations; bounds how many rows one event can fan out to.
MAX_PER_ORGANISATION = 10
DESCRIPTION_LENGTH = 200


def _may_manage(actor: User, scope: WebhookScope | None, organisation: Organisation) -> None:
    """``scope``: an API key's (its organisation's); people act in their own roles'."""
    if scope is None:
        scope = webhook_scope(actor)
    if not scope.may_manage:
        raise PermissionDenied(
            _("Hanya admin koordinator dan admin nasional yang dapat mengelola webhook.")
        )
    if organisation.pk not in {o.pk for o in manageable_organisations(scope)}:
        raise PermissionDenied(_("Anda tidak berwenang mengelola webhook organisasi ini."))


def _clean(url: str, events: Iterable[str], description: str) -> tuple[str, list[str], str]:
    errors: dict[str, list[str]] = {}
    try:
        url = check_url(url)
    except TargetRefused as exc:
        errors["url"] = [str(exc)]
    raw = [str(e) for e in events]
    unknown = sorted(set(raw) - set(EventType.values))
    chosen = event_types(raw)
    if unknown:
        errors["events"] = [
            _("Peristiwa tidak dikenal: %(names)s.") % {"names": ", ".join(unknown)}
        ]
    elif not chosen:
        errors["events"] = [_("Pilih paling sedikit satu peristiwa.")]
    description = (description or "").strip()
    if len(description) > DESCRIPTION_LENGTH:
        errors["description"] = [
            _("Keterangan paling banyak %(n)s karakter.") % {"n": DESCRIPTION_LENGTH}
        ]
    if errors:
        raise ValidationFailed(errors)
    return url, chosen, description


def _audit(
    action: AuditAction, sub: WebhookSubscription, *, actor: User, now: datetime, **data: Any
) -> None:
    record_event(
        action=action,
        actor=actor,
        now=now,
        organisation=sub.organisation,
        visibility=Visibility.STAFF,
        data={"subscription": sub.pk, **data},
    )


@transaction.atomic
def create_subscription(
    *,
    actor: User,
    organisation: Organisation,
    url: str,
    events: Iterable[str],
    description: str = "",
    scope: WebhookScope | None = None,
    now: datetime | None = None,
) -> WebhookSubscription:
    """A new active subscription with a fresh secret (``sub.secret``: show it once)."""
    now = now or timezone.now()
    _may_manage(actor, scope, organisation)
    url, chosen, description = _clean(url, events, description)
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if WebhookSubscription.objects.filter(organisation=organisation).count() >= (
        MAX_PER_ORGANISATION
    ):
        raise ValidationFailed(
            {
                "organisation": [
                    _("Organisasi ini sudah memiliki %(n)s langganan webhook (batas).")
                    % {"n": MAX_PER_ORGANISATION}
                ]
            }
        )
    sub = WebhookSubscription.objects.create(
        organisation=organisation,
        url=url,
        description=description,
        secret=new_secret(),
        events=chosen,
        is_active=True,
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    _audit(AuditAction.WEBHOOK_CREATE, sub, actor=actor, now=now, url=url, events=chosen)
    return sub


def _locked(sub: WebhookSubscription) -> WebhookSubscription:
    return (
        WebhookSubscription.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=sub.pk)
    )


@transaction.atomic
def update_subscription(
    sub: WebhookSubscription,
    *,
    actor: User,
    url: str,
    events: Iterable[str],
    description: str,
    is_active: bool,
    scope: WebhookScope | None = None,
    now: datetime | None = None,
) -> WebhookSubscription:
    """Change the address, events, description or switch it on/off (audited)."""
    now = now or timezone.now()
    _may_manage(actor, scope, sub.organisation)
    url, chosen, description = _clean(url, events, description)
    sub = _locked(sub)
    before = {"url": sub.url, "events": sub.events, "is_active": sub.is_active}
    sub.url, sub.events, sub.description, sub.is_active = url, chosen, description, is_active
    sub.updated_at = now
    sub.save()
    after = {"url": sub.url, "events": sub.events, "is_active": sub.is_active}
    changed = {k: {"from": before[k], "to": v} for k, v in after.items() if before[k] != v}
    action = AuditAction.WEBHOOK_UPDATE
    if set(changed) == {"is_active"}:
        action = AuditAction.WEBHOOK_ENABLE if is_active else AuditAction.WEBHOOK_DISABLE
    _audit(action, sub, actor=actor, now=now, changes=changed)
    return sub


@transaction.atomic
def rotate_secret(
    sub: WebhookSubscription,
    *,
    actor: User,
    scope: WebhookScope | None = None,
    now: datetime | None = None,
) -> WebhookSubscription:
    """A new secret at once (``sub.secret``: show it once); the old one stops working,
    deliveries still pending are signed with the new one."""
    now = now or timezone.now()
    _may_manage(actor, scope, sub.organisation)
    sub = _locked(sub)
    sub.secret = new_secret()
    sub.secret_rotated_at = now
    sub.updated_at = now
    sub.save()
    _audit(AuditAction.WEBHOOK_ROTATE_SECRET, sub, actor=actor, now=now)
    return sub


@transaction.atomic
def delete_subscription(
    sub: WebhookSubscription,
    *,
    actor: User,
    scope: WebhookScope | None = None,
    now: datetime | None = None,
) -> None:
    """Remove the subscription; its pending deliveries fail for good."""
    now = now or timezone.now()
    _may_manage(actor, scope, sub.organisation)
    sub = _locked(sub)
    _audit(AuditAction.WEBHOOK_DELETE, sub, actor=actor, now=now, url=sub.url, events=sub.events)
    sub.delete()


@transaction.atomic
def send_ping(
    sub: WebhookSubscription,
    *,
    actor: User,
    scope: WebhookScope | None = None,
    now: datetime | None = None,
) -> str:
    """Queue a ``ping`` delivery to ``sub`` (even when disabled: it then fails, which the
    deliveries list shows); returns the event id."""
    now = now or timezone.now()
    _may_manage(actor, scope, sub.organisation)
    sub = _locked(sub)
    event_id = uuid.uuid4()
    message = webhook_message(
        key=f"wh:{event_id}",
        event_type=PING,
        report_id=None,
        subscription=sub,
        subject=f"{PING} {sub.organisation.code}",
        body=ping_body(event_id, now, sub),
    )
    queue([message], now=now)
    _audit(AuditAction.WEBHOOK_PING, sub, actor=actor, now=now, event=str(event_id))
    return str(event_id)
