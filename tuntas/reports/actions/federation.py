"""A report's own actions for federation with other Tuntas deployments.

Forwarding a report to a peer, and what comes back, live in ``tuntas.federation`` (peers,
links, the calls between deployments), which calls these actions for what happens to the
report itself. Receiving a report a peer forwarded is an intake action
(``intake.receive_report``). The actor of both is the peer (``Actor(is_peer=True)``).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from tuntas.audit.models import Visibility
from tuntas.core.errors import ApplicationError
from tuntas.reports.actions.base import (
    Actor,
    authorize,
    change_status,
    lock_report,
    now_or,
    require_text,
)
from tuntas.reports.models import DraftState, FollowUp, Report
from tuntas.reports.transitions import Action


@transaction.atomic
def record_peer_answer(
    report: Report | int,
    *,
    actor: Actor,
    body: str,
    agency: str = "",
    published_at: datetime,
    origin: dict[str, object] | None = None,
    now: datetime | None = None,
) -> FollowUp:
    """The peer we forwarded ``report`` to published its answer (tindak lanjut): keep it
    as a published follow-up of our copy, so the reporter, who follows the report here,
    reads it. The copy stays forwarded. ``agency`` is the peer's agency that answered
    (named in the text: it is not one of ours); the author is the peer's key user.

    The audit event is for staff only: the reporter's (federated) timeline already shows
    the peer's own publishing event, copied from the peer.
    """
    now = now_or(now)
    rep = lock_report(report)
    row, capacity = authorize(actor, rep, Action.RECORD_PEER_ANSWER)
    text = require_text(body, "body", _("Jawaban instansi mitra kosong."))
    if actor.user is None:
        raise ApplicationError("record_peer_answer needs the peer's key user as the author")
    agency = agency.strip()
    followup = FollowUp.objects.create(
        report=rep,
        agency=None,
        author=actor.user,
        body=f"{agency}:\n{text}" if agency else text,
        state=DraftState.PUBLISHED,
        created_at=published_at,
        published_by=actor.user,
        published_at=published_at,
    )
    change_status(
        rep,
        row,
        actor=actor,
        capacity=capacity,
        now=now,
        visibility=Visibility.STAFF,
        data={"followup": followup.pk, **({"federation": origin} if origin else {})},
    )
    return followup
