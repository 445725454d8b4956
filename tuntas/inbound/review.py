"""What the staff do with a message that could not be handled: make a report of it,
or dismiss it with a reason. Both are audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.core.errors import Conflict, ValidationFailed
from tuntas.inbound.models import InboundChannel, InboundMessage, InboundState
from tuntas.inbound.replies import queue_receipt
from tuntas.inbound.selectors import get_visible_message
from tuntas.organisations.models import Organisation
from tuntas.reference.models import Category, Channel, Classification
from tuntas.reports import actions
from tuntas.reports.actions import ReportInput, Submitted, composed_transaction
from tuntas.reports.actions.base import require_text


@dataclass
class ReportFields:
    """What the coordinator confirms when making a report of a message."""

    title: str
    description: str
    classification: Classification
    category: Category | None = None
    reporter_name: str = ""
    is_anonymous: bool = True
    is_confidential: bool = True


def _lock_for_review(message: InboundMessage | int, actor: User) -> InboundMessage:
    pk = message.pk if isinstance(message, InboundMessage) else message
    get_visible_message(actor, pk)  # out of scope: 404
    # ``of=("self",)``: PostgreSQL refuses FOR UPDATE on the nullable side of the join.
    locked = (
        InboundMessage.objects.select_for_update(of=("self",)).select_related("pemda").get(pk=pk)
    )
    if locked.state != InboundState.UNPARSEABLE:
        raise Conflict(_("Pesan ini sudah ditangani."), code="inbound_already_handled")
    return locked


def _audit(
    action: AuditAction, message: InboundMessage, *, actor: User, now: datetime, reason: str = ""
) -> None:
    record_event(
        action=action,
        actor=actor,
        now=now,
        organisation=message.pemda,
        reason=reason,
        data={
            "inbound_message": message.pk,
            "channel": message.channel,
            "report": message.report.tracking_id if message.report else "",
        },
    )


@transaction.atomic
def dismiss_message(
    message: InboundMessage | int, *, actor: User, reason: str, now: datetime | None = None
) -> InboundMessage:
    """Abaikan: nothing to do with this message (spam, a test, a duplicate)."""
    now = now or timezone.now()
    reason = require_text(reason, "reason", _("Tuliskan alasan pesan ini diabaikan."))
    locked = _lock_for_review(message, actor)
    locked.state = InboundState.DISMISSED
    locked.handled_by = actor
    locked.handled_note = reason
    locked.save(update_fields=["state", "handled_by", "handled_note"])
    _audit(AuditAction.INBOUND_DISMISS, locked, actor=actor, now=now, reason=reason)
    return locked


@composed_transaction()
def make_report_from_message(
    message: InboundMessage | int,
    *,
    actor: User,
    fields: ReportFields,
    organisation: Organisation | None = None,
    now: datetime | None = None,
) -> Submitted:
    """Jadikan laporan: the coordinator types the message in as an outside-channel report
    (``intake_report``); the sender is the reporter and hears the codes back."""
    now = now or timezone.now()
    locked = _lock_for_review(message, actor)
    channel = Channel.objects.filter(code=locked.channel).first()
    if channel is None:
        raise ValidationFailed(
            {"channel": [_("Kanal \u201c%(code)s\u201d belum ada.") % {"code": locked.channel}]}
        )
    is_email = locked.channel == InboundChannel.EMAIL
    data = ReportInput(
        title=fields.title,
        description=fields.description,
        classification=fields.classification,
        channel=channel,
        category=fields.category,
        reporter_name=fields.reporter_name or locked.sender_name,
        reporter_phone="" if is_email else locked.sender,
        reporter_email=locked.sender if is_email else "",
        is_anonymous=fields.is_anonymous,
        is_confidential=fields.is_confidential,
    )
    submitted = actions.intake_report(
        data, actor=actions.Actor(user=actor), organisation=organisation, now=now
    )
    locked.state = InboundState.CREATED
    locked.report = submitted.report
    locked.pemda = submitted.report.pemda
    locked.handled_by = actor
    locked.save(update_fields=["state", "report", "pemda", "handled_by"])
    _audit(AuditAction.INBOUND_MAKE_REPORT, locked, actor=actor, now=now)
    if locked.sender:
        queue_receipt(locked, submitted, now)
    return submitted
