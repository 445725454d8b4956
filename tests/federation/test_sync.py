"""B's side: status back. Every reporter-visible event of a received report is queued
once for the origin; events copied from the origin are not sent back."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from tests.federation.conftest import PeerWithKey, forwarded_payload
from tests.federation.test_receive_api import post
from tests.reports.helpers import make_report
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import Visibility
from tuntas.audit.services import record_event
from tuntas.demo.builder import Demo
from tuntas.federation.models import ForwardedReport
from tuntas.federation.outbox import Envelope
from tuntas.federation.sync import queue_status_updates, wake_status_back
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status


def queued() -> list[Envelope]:
    rows = OutboxMessage.objects.filter(channel=DeliveryChannel.FEDERATION).order_by("id")
    return [Envelope.from_json(m.body) for m in rows]


def test_each_new_event_is_queued_once_for_the_origin(demo: Demo, peer: PeerWithKey) -> None:
    answer = post(peer.client(), forwarded_payload())
    report = Report.objects.get(tracking_id=answer.json()["tracking_id"])

    assert queue_status_updates() == 1  # the receipt (the copied events stay here)
    actions.verify_report(report, actor=Actor(user=demo.users["kapuas.koordinator"]))
    record_event(
        action=AuditAction.ADMIN_CHANGE,
        actor=None,
        now=timezone.now(),
        report=report,
        visibility=Visibility.STAFF,
    )
    assert queue_status_updates() == 1  # the verification; never the staff-only note
    assert queue_status_updates() == 0

    calls = queued()
    assert [c.kind for c in calls] == ["events", "events"]
    assert {c.path for c in calls} == {"/api/federation/reports/LPR-2611-ORIGIN/events/"}
    assert [c.payload["events"][0]["action"] for c in calls] == ["receive_forwarded", "verify"]
    assert calls[1].payload["events"][0]["status_label"] == "Terverifikasi: menunggu disposisi"
    assert calls[1].payload["report"] == {
        "tracking_id": report.tracking_id,
        "status": "verified",
        "label": "Terverifikasi: menunggu disposisi",
    }
    assert "admin_change" not in json.dumps([c.payload for c in calls])
    link = ForwardedReport.objects.get(report=report)
    assert all(c.peer_id == peer.peer.pk and c.link_id == link.pk for c in calls)


def test_an_inactive_peer_gets_nothing(demo: Demo, peer: PeerWithKey) -> None:
    post(peer.client(), forwarded_payload())
    peer.peer.is_active = False
    peer.peer.save()
    assert queue_status_updates() == 0
    assert queued() == []


def test_the_published_answer_travels_with_its_event(demo: Demo, peer: PeerWithKey) -> None:
    answer = post(peer.client(), forwarded_payload())
    report = Report.objects.get(tracking_id=answer.json()["tracking_id"])
    u = demo.users
    actions.verify_report(report, actor=Actor(user=u["kapuas.koordinator"]))
    actions.dispose_report(
        report, actor=Actor(user=u["kapuas.koordinator"]), agencies=[demo.orgs["kapuas-pupr"]]
    )
    actions.accept_disposition(report, actor=Actor(user=u["kapuas.pupr.penghubung"]))
    actions.submit_draft(
        report, actor=Actor(user=u["kapuas.pupr.admin"]), body="Jembatan sudah diperbaiki."
    )
    actions.approve_draft(report, actor=Actor(user=u["kapuas.pupr.kadis"]))
    actions.publish_followup(report, actor=Actor(user=u["kapuas.pupr.admin"]))

    queue_status_updates()

    events = [c.payload["events"][0] for c in queued()]
    [published] = [e for e in events if e["action"] == "publish_followup"]
    assert published["followup"] == {
        "body": "Jembatan sudah diperbaiki.",
        "agency": str(demo.orgs["kapuas-pupr"]),
    }
    assert all("followup" not in e for e in events if e is not published)


def _wake_ups(callbacks: list[Callable[[], object]]) -> list[Callable[[], object]]:
    return [cb for cb in callbacks if getattr(cb, "func", None) is wake_status_back]


def test_a_change_the_reporter_may_read_sends_the_status_back_after_commit(
    demo: Demo, peer: PeerWithKey, django_capture_on_commit_callbacks: Any
) -> None:
    answer = post(peer.client(), forwarded_payload())
    report = Report.objects.get(tracking_id=answer.json()["tracking_id"])
    queue_status_updates()  # the receipt
    with django_capture_on_commit_callbacks() as callbacks:
        actions.verify_report(report, actor=Actor(user=demo.users["kapuas.koordinator"]))
    [wake] = _wake_ups(callbacks)
    assert queued()[-1].payload["events"][0]["action"] == "receive_forwarded"
    wake()  # what the worker does at once (the task runs eagerly in the tests)
    assert queued()[-1].payload["events"][0]["action"] == "verify"
    assert queue_status_updates() == 0  # the periodic run finds nothing left to send


def test_reports_not_received_from_a_peer_wake_nothing(
    demo: Demo, peer: PeerWithKey, django_capture_on_commit_callbacks: Any
) -> None:
    report = make_report(demo, Status.SUBMITTED)
    with django_capture_on_commit_callbacks() as callbacks:
        actions.verify_report(report, actor=Actor(user=demo.users["kapuas.koordinator"]))
    assert _wake_ups(callbacks) == []
