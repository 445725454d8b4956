"""A report's own actions for federation with other Tuntas deployments.

Forwarding a report to a peer lives in ``tuntas.federation.actions`` (with the peers and
links it needs); what comes back is recorded here. Receiving a report a peer forwarded is
an intake action (``intake.receive_report``). The actor of both is the peer
(``Actor.peer(user)``, the ``peer`` capacity of the table).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.audit.models import Visibility
from tuntas.reports.actions.base import ActionContext, report_action
from tuntas.reports.actions.inputs import ActionInput, Field, Line, Problems, Text, described
from tuntas.reports.models import DraftState, FollowUp, Status
from tuntas.reports.transitions import PEER, SAME, Action


@dataclass(frozen=True, kw_only=True)
class PeerAnswerInput(ActionInput):
    body: str = field(
        metadata=described(
            Text(gettext_lazy("Jawaban"), message=gettext_lazy("Jawaban instansi mitra kosong."))
        )
    )
    published_at: datetime = field(metadata=described(Field(gettext_lazy("Waktu terbit"))))
    agency: str = field(default="", metadata=described(Line(gettext_lazy("OPD"))))
    origin: dict[str, object] | None = field(
        default=None, metadata=described(Field(gettext_lazy("Asal")))
    )

    def problems(self, *, now: datetime) -> Problems:
        if not isinstance(self.published_at, datetime):
            return {"published_at": [_("Waktu terbit jawaban tidak sah.")]}
        return {}


# The answer published at the peer we forwarded to is recorded on our copy, which stays
# forwarded. The audit event is for staff only: the reporter's (federated) timeline already
# shows the peer's own publishing event, copied from the peer.
@report_action(
    Action.RECORD_PEER_ANSWER,
    sources={Status.FORWARDED},
    target=SAME,
    actors={PEER},
    label=gettext_lazy("Tindak lanjut dari instansi Tuntas lain dicatat"),
)
def record_peer_answer(ctx: ActionContext, data: PeerAnswerInput) -> FollowUp:
    """The peer we forwarded the report to published its answer (tindak lanjut): keep it
    as a published follow-up of our copy, so the reporter, who follows the report here,
    reads it. ``agency`` is the peer's agency that answered (named in the text: it is not
    one of ours); the author is the peer's key user."""
    author = ctx.user
    text = f"{data.agency}:\n{data.body}" if data.agency else data.body
    followup = FollowUp.objects.create(
        report=ctx.report,
        agency=None,
        author=author,
        body=text,
        state=DraftState.PUBLISHED,
        created_at=data.published_at,
        published_by=author,
        published_at=data.published_at,
    )
    ctx.record(
        visibility=Visibility.STAFF,
        data={"followup": followup.pk, **({"federation": data.origin} if data.origin else {})},
    )
    return followup
