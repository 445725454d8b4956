"""A reporter writes to the staff about their report (web, WhatsApp, SMS or e-mail)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from tuntas.audit.models import Visibility
from tuntas.reports.actions.base import ActionContext, report_action
from tuntas.reports.actions.inputs import ActionInput, Line, Text, described
from tuntas.reports.declarations import Audience, Hearer
from tuntas.reports.models import Message, MessageKind
from tuntas.reports.transitions import OPEN, REPORTER, SAME, Action

MAX_MESSAGE_LENGTH = 5000


@dataclass(frozen=True, kw_only=True)
class ReporterMessageInput(ActionInput):
    text: str = field(
        metadata=described(
            Text(gettext_lazy("Pesan"), message=gettext_lazy("Tuliskan pesan Anda."))
        )
    )
    channel: str = field(default="web", metadata=described(Line(gettext_lazy("Kanal"))))


@report_action(
    Action.REPORTER_MESSAGE,
    sources=OPEN,
    target=SAME,
    actors={REPORTER},
    label=gettext_lazy("Pesan dari pelapor"),
    audience=Audience(staff=(Hearer.COORDINATORS, Hearer.LIAISONS, Hearer.DIVISION_STAFF)),
)
def post_reporter_message(ctx: ActionContext, data: ReporterMessageInput) -> Message:
    """Record a message from the reporter; the status is unchanged, the staff are told."""
    text = data.text[:MAX_MESSAGE_LENGTH]
    message = Message.objects.create(
        report=ctx.report,
        kind=MessageKind.REPLY,
        author=ctx.actor.user,
        body=text,
        created_at=ctx.now,
    )
    ctx.record(
        reason=text,
        data={"channel": data.channel or "web", "message": message.pk},
        visibility=Visibility.REPORTER,
    )
    return message
