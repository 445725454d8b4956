"""A's side: forwarding a report (not in authority) to a peer."""

from __future__ import annotations

import json

import pytest

from tests.federation.conftest import PeerWithKey
from tests.reports.helpers import make_report
from tuntas.audit.models import AuditEvent
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.demo.builder import Demo
from tuntas.federation.actions import forward_to_peer
from tuntas.federation.models import Direction, ForwardedReport
from tuntas.federation.outbox import Envelope
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status
from tuntas.reports.transitions import TransitionNotAllowed


def not_in_authority(demo: Demo, **changes: object) -> Report:
    report = make_report(demo, Status.SUBMITTED)
    if changes:
        Report.objects.filter(pk=report.pk).update(**changes)
    actions.mark_not_in_authority(
        report, actor=Actor(user=demo.users["kapuas.koordinator"]), reason="Jalan nasional"
    )
    return Report.objects.get(pk=report.pk)


def envelope_of(report: Report) -> Envelope:
    message = OutboxMessage.objects.get(report=report, channel=DeliveryChannel.FEDERATION)
    return Envelope.from_json(message.body)


def test_it_forwards_audits_and_queues_the_report(demo: Demo, peer: PeerWithKey) -> None:
    report = not_in_authority(demo)

    link = forward_to_peer(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        peer=peer.peer,
        note="Wewenang pusat",
    )

    report.refresh_from_db()
    assert report.status == Status.FORWARDED
    assert report.forwarded_to == peer.peer.name
    assert link.direction == Direction.OUTGOING and link.remote_tracking_id == ""
    event = AuditEvent.objects.filter(report=report).order_by("id").last()
    assert event is not None
    assert (event.action, event.to_status, event.reason) == (
        "forward_to_peer",
        "forwarded",
        "Wewenang pusat",
    )
    envelope = envelope_of(report)
    assert envelope.path == "/api/federation/reports/"
    assert envelope.link_id == link.pk
    payload = envelope.payload
    assert payload["origin"]["tracking_id"] == report.tracking_id
    assert payload["report"]["classification"] == "complaint"
    assert payload["note"] == "Wewenang pusat"
    # The timeline so far, the forwarding included, as the reporter reads it.
    assert [e["action"] for e in payload["timeline"]] == [
        "submit",
        "not_in_authority",
        "forward_to_peer",
    ]
    assert payload["timeline"][-1]["label"] == "Teruskan ke instansi Tuntas lain"
    assert all(e["instance"] == "Tuntas" for e in payload["timeline"])


def test_an_anonim_report_travels_without_identity(demo: Demo, peer: PeerWithKey) -> None:
    report = not_in_authority(demo)
    assert report.is_anonymous
    forward_to_peer(report, actor=Actor(user=demo.users["kapuas.koordinator"]), peer=peer.peer)
    payload = envelope_of(report).payload
    assert payload["reporter"] is None
    assert "Siti" not in json.dumps(payload)


def test_a_named_report_travels_with_contact_but_never_the_nik(
    demo: Demo, peer: PeerWithKey
) -> None:
    warga = demo.users["warga"]
    warga.nik = "3210010101900001"
    warga.phone = "081234567890"
    warga.save()
    report = not_in_authority(demo, is_anonymous=False)
    forward_to_peer(report, actor=Actor(user=demo.users["kapuas.koordinator"]), peer=peer.peer)
    payload = envelope_of(report).payload
    assert payload["reporter"] == {
        "name": warga.display_name,
        "phone": "081234567890",
        "email": warga.email,
    }
    assert "3210010101900001" not in json.dumps(payload)


def test_the_national_admin_may_forward_too(demo: Demo, peer: PeerWithKey) -> None:
    report = not_in_authority(demo)
    forward_to_peer(report, actor=Actor(user=demo.users["nasional"]), peer=peer.peer)
    assert Report.objects.get(pk=report.pk).status == Status.FORWARDED


def test_it_checks_access_and_status(demo: Demo, peer: PeerWithKey) -> None:
    report = not_in_authority(demo)
    with pytest.raises(PermissionDenied):
        forward_to_peer(report, actor=Actor(user=demo.users["kapuas.pupr.admin"]), peer=peer.peer)
    with pytest.raises(PermissionDenied):
        forward_to_peer(
            report, actor=Actor(user=demo.users["majalengka.koordinator"]), peer=peer.peer
        )
    submitted = make_report(demo, Status.SUBMITTED)
    with pytest.raises(TransitionNotAllowed):
        forward_to_peer(
            submitted, actor=Actor(user=demo.users["kapuas.koordinator"]), peer=peer.peer
        )
    assert ForwardedReport.objects.count() == 0
    assert not OutboxMessage.objects.filter(channel=DeliveryChannel.FEDERATION).exists()
    assert Report.objects.get(pk=report.pk).status == Status.NOT_IN_AUTHORITY


def test_bad_peer_is_refused_and_changes_nothing(demo: Demo, peer: PeerWithKey) -> None:
    report = not_in_authority(demo)
    events = AuditEvent.objects.filter(report=report).count()
    coordinator = demo.users["kapuas.koordinator"]
    with pytest.raises(ValidationFailed):
        forward_to_peer(report, actor=Actor(user=coordinator), peer=None)
    peer.peer.is_active = False
    peer.peer.save()
    with pytest.raises(ValidationFailed):
        forward_to_peer(report, actor=Actor(user=coordinator), peer=peer.peer)
    peer.peer.is_active = True
    peer.peer.outbound_key = ""
    peer.peer.save()
    with pytest.raises(ValidationFailed) as refused:
        forward_to_peer(report, actor=Actor(user=coordinator), peer=peer.peer)
    assert "belum diisi" in refused.value.errors["peer"][0]
    assert Report.objects.get(pk=report.pk).status == Status.NOT_IN_AUTHORITY
    assert AuditEvent.objects.filter(report=report).count() == events
    assert ForwardedReport.objects.count() == 0
