"""A reporter writes to the staff about their report (web, WhatsApp, SMS or e-mail)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from tuntas.audit.models import Visibility
from tuntas.reports.actions.base import (
    Actor,
    authorize,
    change_status,
    lock_report,
    now_or,
    require_text,
)
from tuntas.reports.models import Message, MessageKind, Report
from tuntas.reports.transitions import Action

MAX_MESSAGE_LENGTH = 5000


@transaction.atomic
def post_reporter_message(
    report: Report | int,
    *,
    actor: Actor,
    text: str,
    channel: str = "web",
    now: datetime | None = None,
) -> Message:
    """Record a message from the reporter; the status is unchanged, the staff are told."""
    now = now_or(now)
    text = require_text(text, "text", _("Tuliskan pesan Anda."))[:MAX_MESSAGE_LENGTH]
    rep = lock_report(report)
    row, cap = authorize(actor, rep, Action.REPORTER_MESSAGE)
    message = Message.objects.create(
        report=rep, kind=MessageKind.REPLY, author=actor.user, body=text, created_at=now
    )
    change_status(
        rep,
        row,
        actor=actor,
        capacity=cap,
        now=now,
        reason=text,
        data={"channel": channel, "message": message.pk},
        visibility=Visibility.REPORTER,
    )
    return message
