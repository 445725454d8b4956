"""Forward a report to another Tuntas deployment: the report action ``forward_to_peer``.

Like forwarding outside the system, but the other side runs Tuntas too: the report,
what the receiving government needs of the reporter and the timeline so far are queued
for the peer in the same transaction, and the peer sends its status changes back.

It lives here, with the peers and links it needs, and is declared like every report
action (``reports.actions.base.report_action``): its row, label, clock effects and
audiences beside it; it is loaded by ``FederationConfig.ready`` (reports import no
federation code).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.federation.models import Direction, ForwardedReport, Peer
from tuntas.federation.outbox import KIND_REPORT, Envelope, queue_call
from tuntas.federation.payloads import report_payload
from tuntas.organisations.models import Role
from tuntas.reports.actions.base import ActionContext, report_action
from tuntas.reports.actions.inputs import ActionInput, Field, Problems, Text, described
from tuntas.reports.clocks import ALL
from tuntas.reports.declarations import Audience, Effects
from tuntas.reports.models import Status
from tuntas.reports.transitions import Action

RECEIVE_PATH = "/api/federation/reports/"


@dataclass(frozen=True, kw_only=True)
class ForwardToPeerInput(ActionInput):
    peer: Peer | None = field(metadata=described(Field(gettext_lazy("Instansi Tuntas tujuan"))))
    note: str = field(default="", metadata=described(Text(gettext_lazy("Catatan"))))

    def problems(self, *, now: datetime) -> Problems:
        if self.peer is None or not self.peer.is_active:
            return {"peer": [_("Pilih instansi Tuntas tujuan yang aktif.")]}
        if not self.peer.outbound_key:
            return {
                "peer": [_("Kunci API dari instansi ini belum diisi; laporan belum dapat dikirim.")]
            }
        return {}


# Federation: to another Tuntas deployment, which sends its status back. In a regency's
# own deployment the coordinator does it.
@report_action(
    Action.FORWARD_TO_PEER,
    sources={Status.NOT_IN_AUTHORITY},
    target=Status.FORWARDED,
    actors={Role.NATIONAL_ADMIN, Role.COORDINATOR},
    label=gettext_lazy("Teruskan ke instansi Tuntas lain"),
    effects=Effects(stop=ALL),
    audience=Audience(reporter=True),
)
def forward_to_peer(ctx: ActionContext, data: ForwardToPeerInput) -> ForwardedReport:
    """Teruskan ke instansi Tuntas lain: the report goes to ``peer`` (status: forwarded)."""
    rep, now, peer = ctx.report, ctx.now, data.peer
    assert peer is not None  # checked by problems()
    rep.forwarded_to = peer.name[:200]
    ctx.record(reason=data.note, data={"to": peer.name, "peer": peer.pk})
    link = ForwardedReport.objects.create(
        report=rep,
        peer=peer,
        direction=Direction.OUTGOING,
        remote_tracking_id="",
        created_at=now,
    )
    queue_call(
        peer=peer,
        envelope=Envelope(
            peer_id=peer.pk,
            path=RECEIVE_PATH,
            kind=KIND_REPORT,
            payload=report_payload(rep, note=data.note),
            link_id=link.pk,
        ),
        key=f"federation:forward:{rep.tracking_id}",
        subject=f"{rep.tracking_id} → {peer.name}",
        report_id=rep.pk,
        now=now,
    )
    return link
