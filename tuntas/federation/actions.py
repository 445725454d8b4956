"""Forward a report to another Tuntas deployment: the report action ``forward_to_peer``.

Like forwarding outside the system, but the other side runs Tuntas too: the report,
what the receiving government needs of the reporter and the timeline so far are queued
for the peer in the same transaction, and the peer sends its status changes back.

It lives here, with the peers and links it needs, and goes through the reports' public
action steps like every report action: lock, ``authorize`` against the table row,
``change_status`` (status, audit event, clocks, the after-change hook).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.core.errors import ValidationFailed
from tuntas.federation.models import Direction, ForwardedReport, Peer
from tuntas.federation.outbox import KIND_REPORT, Envelope, queue_call
from tuntas.federation.payloads import report_payload
from tuntas.reports.actions.base import Actor, authorize, change_status, lock_report, now_or
from tuntas.reports.models import Report
from tuntas.reports.transitions import Action

RECEIVE_PATH = "/api/federation/reports/"


@transaction.atomic
def forward_to_peer(
    report: Report | int,
    *,
    actor: User,
    peer: Peer | None,
    note: str = "",
    now: datetime | None = None,
) -> ForwardedReport:
    """Teruskan ke instansi Tuntas lain: the report goes to ``peer`` (status: forwarded)."""
    now = now_or(now)
    if peer is None or not peer.is_active:
        raise ValidationFailed({"peer": [_("Pilih instansi Tuntas tujuan yang aktif.")]})
    if not peer.outbound_key:
        raise ValidationFailed(
            {"peer": [_("Kunci API dari instansi ini belum diisi; laporan belum dapat dikirim.")]}
        )
    rep = lock_report(report)
    who = Actor(user=actor)
    row, cap = authorize(who, rep, Action.FORWARD_TO_PEER)
    note = note.strip()
    rep.forwarded_to = peer.name[:200]
    change_status(
        rep,
        row,
        actor=who,
        capacity=cap,
        now=now,
        reason=note,
        data={"to": peer.name, "peer": peer.pk},
    )
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
            payload=report_payload(rep, note=note),
            link_id=link.pk,
        ),
        key=f"federation:forward:{rep.tracking_id}",
        subject=f"{rep.tracking_id} → {peer.name}",
        report_id=rep.pk,
        now=now,
    )
    return link
