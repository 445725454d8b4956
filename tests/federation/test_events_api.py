"""A's side: the peer a report was forwarded to sends what happened there."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from tests.federation.conftest import PeerWithKey, event, make_peer
from tests.federation.test_forward import not_in_authority
from tuntas.audit.models import AuditEvent, Visibility
from tuntas.demo.builder import Demo
from tuntas.federation.actions import forward_to_peer
from tuntas.federation.models import ForwardedReport
from tuntas.federation.timeline import federated_timeline
from tuntas.reports.actions import Actor
from tuntas.reports.disclosure import Audience, outside_timeline
from tuntas.reports.models import Report, Status


def url(tracking_id: str) -> str:
    return f"/api/federation/reports/{tracking_id}/events/"


def body(*events: dict[str, Any]) -> str:
    return json.dumps(
        {
            "version": 1,
            "instance": "Tuntas Nasional",
            "report": {"tracking_id": "LPR-2611-REMOTE", "status": "verified", "label": "x"},
            "events": list(events),
        }
    )


def forwarded(demo: Demo, peer: PeerWithKey) -> Report:
    report = not_in_authority(demo)
    forward_to_peer(report, actor=Actor(user=demo.users["kapuas.koordinator"]), peer=peer.peer)
    return report


def remote(n: int, minutes: int, **kw: Any) -> dict[str, Any]:
    return event(
        n,
        timezone.now() + timedelta(minutes=minutes),
        instance="Tuntas Nasional",
        who="Petugas Kab. Kapuas",
        **kw,
    )


def test_events_are_mirrored_once_and_the_remote_status_shown(
    demo: Demo, peer: PeerWithKey
) -> None:
    report = forwarded(demo, peer)
    client = peer.client()
    received = remote(10, 1, reason="Diteruskan dari Tuntas")
    verified = remote(
        11,
        2,
        action="verify",
        label="Verifikasi",
        from_status="submitted",
        status="verified",
        status_label="Terverifikasi: menunggu disposisi",
    )
    # Out of order, then a repeat: each event is copied once, in time order.
    first = client.post(url(report.tracking_id), body(verified), content_type="application/json")
    second = client.post(
        url(report.tracking_id), body(received, verified), content_type="application/json"
    )

    assert first.status_code == 200, first.content
    assert first.json() == {"copied": 1, "repeated": 0, "remote_status": "verified"}
    assert second.json() == {"copied": 1, "repeated": 1, "remote_status": "verified"}
    link = ForwardedReport.objects.get(report=report)
    assert link.remote_tracking_id == "LPR-2611-REMOTE"
    assert link.remote_status_label == "Terverifikasi: menunggu disposisi"
    report.refresh_from_db()
    assert report.status == Status.FORWARDED  # our copy stays forwarded
    timeline = federated_timeline(report)
    assert [(e.instance, e.action) for e in timeline][-3:] == [
        ("Tuntas", "forward_to_peer"),
        ("Tuntas Nasional", "submit"),
        ("Tuntas Nasional", "verify"),
    ]
    assert timeline[-1].who == "Petugas Kab. Kapuas"
    # The reporter reads what happened at the other deployment on their own report.
    assert [e.action for e in outside_timeline(report, Audience.REPORTER)][-2:] == [
        "submit",
        "verify",
    ]


def test_staff_only_visibility_is_refused(demo: Demo, peer: PeerWithKey) -> None:
    report = forwarded(demo, peer)
    answer = peer.client().post(
        url(report.tracking_id),
        body(remote(1, 1, visibility="staff")),
        content_type="application/json",
    )
    assert answer.status_code == 400


def test_unknown_or_someone_elses_report_is_404(demo: Demo, peer: PeerWithKey) -> None:
    report = forwarded(demo, peer)
    other = make_peer(demo, name="Tuntas Provinsi")
    events = AuditEvent.objects.count()
    unknown = peer.client().post(
        url("LPR-0000-NOPE"), body(remote(1, 1)), content_type="application/json"
    )
    not_theirs = other.client().post(
        url(report.tracking_id), body(remote(1, 1)), content_type="application/json"
    )
    assert unknown.status_code == 404
    assert not_theirs.status_code == 404
    assert AuditEvent.objects.count() == events


def test_it_checks_the_key(demo: Demo, peer: PeerWithKey) -> None:
    report = forwarded(demo, peer)
    events = AuditEvent.objects.count()
    no_key = Client().post(
        url(report.tracking_id), body(remote(1, 1)), content_type="application/json"
    )
    wrong = Client(HTTP_AUTHORIZATION="Api-Key wrong").post(
        url(report.tracking_id), body(remote(1, 1)), content_type="application/json"
    )
    assert no_key.status_code == 401
    assert wrong.status_code == 403
    assert AuditEvent.objects.count() == events


def test_bad_input_changes_nothing(demo: Demo, peer: PeerWithKey) -> None:
    report = forwarded(demo, peer)
    events = AuditEvent.objects.count()
    for bad in [
        "{}",
        json.dumps({"version": 1, "instance": "X", "report": {"tracking_id": "A"}, "events": []}),
        body({**remote(1, 1), "at": "kemarin"}),
    ]:
        answer = peer.client().post(url(report.tracking_id), bad, content_type="application/json")
        assert answer.status_code == 400, bad
    assert AuditEvent.objects.count() == events


def test_pages_show_what_happened_at_the_peer(demo: Demo, peer: PeerWithKey) -> None:
    from tests.conftest import client_for

    report = forwarded(demo, peer)
    verified = remote(
        11,
        2,
        action="verify",
        label="Verifikasi",
        status="verified",
        status_label="Terverifikasi: menunggu disposisi",
    )
    peer.client().post(url(report.tracking_id), body(verified), content_type="application/json")

    staff = client_for(demo.users["kapuas.koordinator"]).get(
        f"/petugas/laporan/{report.tracking_id}/"
    )
    reporter = client_for(demo.users["warga"]).get(f"/laporan/{report.tracking_id}/")
    federation = client_for(demo.users["kapuas.koordinator"]).get("/petugas/federasi/")

    assert staff.status_code == 200
    assert "di Tuntas Nasional" in staff.content.decode()
    assert reporter.status_code == 200
    assert "Verifikasi" in reporter.content.decode()
    assert "Terverifikasi: menunggu disposisi" in federation.content.decode()


def test_the_answer_published_there_is_readable_here_once(demo: Demo, peer: PeerWithKey) -> None:
    from tuntas.reports.selectors import published_followups

    report = forwarded(demo, peer)
    published = remote(
        12,
        3,
        action="publish_followup",
        label="Sampaikan tindak lanjut",
        status="followed_up",
        status_label="Ditindaklanjuti: menunggu tanggapan pelapor",
        followup={"body": "Jembatan sudah diperbaiki.", "agency": "Dinas PUPR Kapuas"},
    )
    for _ in range(2):
        peer.client().post(
            url(report.tracking_id), body(published), content_type="application/json"
        )

    [answer] = published_followups(report)
    assert answer.body == "Dinas PUPR Kapuas:\nJembatan sudah diperbaiki."
    key = peer.peer.inbound_key
    assert key is not None and answer.author == key.user
    assert ForwardedReport.objects.get(report=report).remote_status == "followed_up"
    # Recorded by the action of its own table row, for staff: the reporter reads the
    # peer's publishing event (copied) and the answer, not a second entry.
    [recorded] = AuditEvent.objects.filter(report=report, action="record_peer_answer")
    assert (recorded.visibility, recorded.data["capacity"]) == (Visibility.STAFF, "peer")
    assert recorded.data["followup"] == answer.pk
    assert recorded.actor == key.user
    report.refresh_from_db()
    assert report.status == Status.FORWARDED
    assert "record_peer_answer" not in [
        e.action for e in outside_timeline(report, Audience.REPORTER)
    ]
    assert "record_peer_answer" not in [e.action for e in federated_timeline(report)]
