"""Receiving from peers: a forwarded report (we are B), events back (we are A).

Both are idempotent: a repeated report (same ``Idempotency-Key``, or the same origin
tracking ID) returns the report made the first time; a repeated event is skipped.

What happens to a report goes through the reports' public actions, with the peer as
the actor (``Actor(is_peer=True)``, the ``peer`` capacity of the transition table): the
receipt is ``receive_report`` (row ``receive_forwarded``), the answer published at the
peer is ``record_peer_answer`` (row ``record_peer_answer``). This module keeps the
federation's own rows: the link between the two copies, the events copied from the
peer (``FederatedEvent``, each with its audit event as it happened there), and what
the peer told us about its copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction, catalogued
from tuntas.audit.models import Visibility
from tuntas.audit.services import record_event
from tuntas.core.errors import NotFound, ValidationFailed
from tuntas.federation.models import Direction, FederatedEvent, ForwardedReport, Peer
from tuntas.federation.timeline import FEDERATION_CAPACITY
from tuntas.organisations.models import OrganisationKind
from tuntas.reference.models import Category, Channel, Classification
from tuntas.reports.actions import Actor, ReportInput, record_peer_answer
from tuntas.reports.actions import receive_report as receive_here
from tuntas.reports.actions.base import composed_transaction, lock_report, now_or

CHANNEL_CODE = "federasi"
DEFAULT_CLASSIFICATION = "complaint"
# A received report's own first event comes after the last imported one, even when
# the two deployments' clocks disagree slightly.
CLOCK_STEP = timedelta(microseconds=1)


def federation_channel() -> Channel:
    channel, _created = Channel.objects.get_or_create(
        code=CHANNEL_CODE,
        defaults={"name": "Federasi (instansi Tuntas lain)", "is_outside_system": False},
    )
    return channel


def _classification(code: str) -> Classification:
    found = Classification.objects.filter(code=code).first()
    if found is None:
        found = Classification.objects.filter(code=DEFAULT_CLASSIFICATION).first()
    if found is None:
        raise ValidationFailed({"report.classification": [_("Klasifikasi tidak dikenal.")]})
    return found


def _category(name: str, parent: str) -> Category | None:
    if not name:
        return None
    qs = Category.objects.filter(name=name, is_active=True)
    if parent:
        qs = qs.filter(parent__name=parent)
    return qs.order_by("id").first()


@dataclass(frozen=True)
class Received:
    link: ForwardedReport
    created: bool


def _event_fields(raw: dict[str, Any]) -> dict[str, Any]:
    visibility = str(raw.get("visibility") or Visibility.REPORTER)
    if visibility not in (Visibility.PUBLIC, Visibility.REPORTER):
        visibility = Visibility.REPORTER
    return {
        "at": raw["at"],
        "instance": str(raw["instance"])[:120],
        "sequence": int(raw.get("sequence") or 0),
        "action": str(raw["action"])[:48],
        "label": str(raw.get("label") or raw["action"])[:200],
        "from_status": str(raw.get("from_status") or "")[:32],
        "status": str(raw.get("status") or "")[:32],
        "status_label": str(raw.get("status_label") or "")[:200],
        "who": str(raw.get("who") or "")[:200],
        "reason": str(raw.get("reason") or ""),
        "visibility": visibility,
        "id": str(raw["id"])[:80],
    }


def _copy_event(link: ForwardedReport, raw: dict[str, Any]) -> FederatedEvent | None:
    """Copy one event of the peer into ``link``'s report; None when it was copied before."""
    fields = _event_fields(raw)
    if FederatedEvent.objects.filter(link=link, remote_event_id=fields["id"]).exists():
        return None
    who = fields["who"]
    remote_action = fields["action"]
    action = catalogued(remote_action) or AuditAction.FEDERATION_REMOTE_EVENT
    event = record_event(
        now=fields["at"],
        actor=None,
        actor_label=_("%(who)s di %(instance)s") % {"who": who, "instance": fields["instance"]},
        action=action,
        report=link.report,
        from_status=fields["from_status"],
        to_status=fields["status"],
        reason=fields["reason"],
        visibility=fields["visibility"],
        data={
            "capacity": FEDERATION_CAPACITY,
            "federation": {
                "instance": fields["instance"],
                "peer": link.peer_id,
                "action": remote_action,
            },
        },
    )
    answer = raw.get("followup")
    if answer and link.direction == Direction.OUTGOING:
        _copy_followup(link, answer, at=event.created_at)
    return FederatedEvent.objects.create(
        link=link,
        remote_event_id=fields["id"],
        audit_event=event,
        instance=fields["instance"],
        origin_sequence=fields["sequence"],
        label=fields["label"],
        status_label=fields["status_label"],
        who=who,
    )


def _copy_followup(link: ForwardedReport, answer: dict[str, Any], *, at: datetime) -> None:
    """The answer published at the peer, readable by the reporter on our copy (the
    action ``record_peer_answer``; author: the peer's application user; the agency is
    the peer's, named in the text). An empty answer is skipped."""
    key = link.peer.inbound_key
    body = str(answer.get("body") or "").strip()
    if key is None or not body:
        return
    record_peer_answer(
        link.report,
        actor=peer_actor(link.peer),
        body=body,
        agency=str(answer.get("agency") or ""),
        published_at=at,
        origin={"from": link.peer.name, "peer": link.peer_id},
        now=at,
    )


def _existing(peer: Peer, idempotency_key: str, origin_id: str) -> ForwardedReport | None:
    links = ForwardedReport.objects.filter(peer=peer, direction=Direction.INCOMING)
    found = None
    if idempotency_key:
        found = links.filter(idempotency_key=idempotency_key).first()
    return found or links.filter(remote_tracking_id=origin_id).first()


def _input(data: dict[str, Any], peer: Peer) -> ReportInput:
    report = data["report"]
    identity = data.get("reporter") or {}
    anonymous = bool(report.get("is_anonymous", True))
    if anonymous:
        identity = {}
    return ReportInput(
        title=str(report["title"]),
        description=str(report["description"]),
        classification=_classification(str(report.get("classification") or "")),
        channel=federation_channel(),
        pemda=peer.organisation,
        category=_category(
            str(report.get("category") or ""), str(report.get("category_parent") or "")
        ),
        incident_date=report.get("incident_date"),
        location_text=str(report.get("location_text") or "")[:300],
        reporter_name=str(identity.get("name") or "")[:200],
        reporter_phone=str(identity.get("phone") or "")[:32],
        reporter_email=str(identity.get("email") or "")[:254],
        is_anonymous=anonymous,
        is_confidential=bool(report.get("is_confidential", True)),
    )


def peer_actor(peer: Peer) -> Actor:
    """The peer as the actor of report actions: its key's application user, in the
    ``peer`` capacity."""
    key = peer.inbound_key
    return Actor.peer(key.user if key is not None else None)


@composed_transaction()
def receive_report(
    data: dict[str, Any],
    *,
    peer: Peer,
    actor: User,
    idempotency_key: str,
    now: datetime | None = None,
) -> Received:
    """A peer forwards a report: create it here awaiting verification in the Pemda the
    peer maps to, with the origin's timeline copied in. ``data`` is validated input
    (``api.ReportInputSerializer``)."""
    now = now_or(now)
    origin = data["origin"]
    origin_id = str(origin["tracking_id"])
    found = _existing(peer, idempotency_key, origin_id)
    if found is not None:
        return Received(found, created=False)
    if peer.organisation.kind != OrganisationKind.PEMDA:
        raise ValidationFailed(
            {"peer": [_("Instansi ini belum dipetakan ke pemerintah daerah penerima.")]}
        )
    timeline = [_event_fields(raw) for raw in data.get("timeline") or []]
    latest = max((e["at"] for e in timeline), default=None)
    if latest is not None and latest >= now:
        now = latest + CLOCK_STEP
    note = str(data.get("note") or "").strip()
    reason = _("Diteruskan dari %(instance)s (nomor %(id)s).") % {
        "instance": peer.name,
        "id": origin_id,
    }
    if note:
        reason = f"{reason} {note}"
    source = data["report"]
    location = None
    if source.get("latitude") is not None and source.get("longitude") is not None:
        location = (Decimal(str(source["latitude"])), Decimal(str(source["longitude"])))
    report = receive_here(
        _input(data, peer),
        actor=Actor.peer(actor),
        reason=reason,
        origin={"from": peer.name, "peer": peer.pk, "tracking_id": origin_id},
        location=location,
        now=now,
    )
    link = ForwardedReport.objects.create(
        report=report,
        peer=peer,
        direction=Direction.INCOMING,
        remote_tracking_id=origin_id[:40],
        remote_status=str(origin.get("status") or "")[:32],
        remote_status_label=str(origin.get("status_label") or "")[:200],
        remote_status_at=now,
        idempotency_key=idempotency_key[:120],
        attachments=list(data.get("attachments") or []),
        created_at=now,
        last_synced_at=now,
    )
    for raw in data.get("timeline") or []:
        _copy_event(link, raw)
    return Received(link, created=True)


@dataclass(frozen=True)
class EventsReceived:
    link: ForwardedReport
    copied: int
    repeated: int


@composed_transaction()
def receive_events(
    tracking_id: str,
    data: dict[str, Any],
    *,
    peer: Peer,
    now: datetime | None = None,
) -> EventsReceived:
    """The peer we forwarded ``tracking_id`` to tells what happened there: copy each
    event into our report's timeline (once) and note the peer's current status."""
    now = now_or(now)
    link = (
        ForwardedReport.objects.filter(
            peer=peer, direction=Direction.OUTGOING, report__tracking_id=tracking_id
        )
        .select_related("report", "peer__inbound_key__user")
        .first()
    )
    if link is None:
        raise NotFound(
            _("Laporan ini tidak pernah diteruskan ke instansi Anda."), code="report_not_found"
        )
    lock_report(link.report_id)
    link = (
        ForwardedReport.objects.select_for_update(of=("self",))
        .select_related("report", "peer__inbound_key__user")
        .get(pk=link.pk)
    )
    remote = data.get("report") or {}
    if remote.get("tracking_id") and not link.remote_tracking_id:
        link.remote_tracking_id = str(remote["tracking_id"])[:40]
    copied = repeated = 0
    for raw in sorted(data["events"], key=lambda e: (e["at"], int(e.get("sequence") or 0))):
        made = _copy_event(link, raw)
        if made is None:
            repeated += 1
            continue
        copied += 1
        at = made.audit_event.created_at
        if link.remote_status_at is None or at >= link.remote_status_at:
            if made.audit_event.to_status:
                link.remote_status = made.audit_event.to_status
                link.remote_status_label = made.status_label
            link.remote_status_at = at
    link.last_synced_at = now
    link.save()
    return EventsReceived(link, copied, repeated)


@transaction.atomic
def record_forward_answer(link_id: int, answer: dict[str, Any], *, now: datetime) -> None:
    """The peer accepted our report (its answer to the forwarding call, read by
    ``FederationTransport``): remember its tracking ID and status on the link."""
    tracking_id = str(answer.get("tracking_id") or "")[:40]
    if not link_id or not tracking_id:
        return
    ForwardedReport.objects.filter(pk=link_id, remote_tracking_id="").update(
        remote_tracking_id=tracking_id
    )
    ForwardedReport.objects.filter(pk=link_id, remote_status_at__isnull=True).update(
        remote_status=str(answer.get("status") or "")[:32],
        remote_status_label=str(answer.get("status_label") or "")[:200],
        last_synced_at=now,
    )
