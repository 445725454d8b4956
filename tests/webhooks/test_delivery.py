"""Delivering webhook rows: a signed POST the receiver can check; retries and dead ends."""

from __future__ import annotations

import json
import time

import pytest
from django.utils import timezone

from tests.reports.helpers import report_input
from tests.webhooks.conftest import START, MakeSubscription, Receiver, webhook_rows
from tuntas.demo.builder import Demo
from tuntas.outbox.delivery import deliver_one
from tuntas.outbox.models import OutboxMessage, OutboxState
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.webhooks.models import WebhookSubscription
from tuntas.webhooks.signing import verify_signature


def _queue_one(demo: Demo, sub: WebhookSubscription) -> OutboxMessage:
    actions.submit_report(report_input(demo), actor=Actor.reporter(demo.users["warga"]), now=START)
    [row] = webhook_rows(address__startswith=f"{sub.pk} ")
    return row


def _deliver(row: OutboxMessage) -> OutboxMessage:
    deliver_one(row.pk, now=timezone.now())
    row.refresh_from_db()
    return row


def test_a_delivery_is_a_signed_post_the_receiver_can_verify(
    demo: Demo, subscribe: MakeSubscription, receiver: Receiver, local_targets: None
):
    sub = subscribe("kapuas", url=receiver.url, secret="whsec_kapuas")
    row = _deliver(_queue_one(demo, sub))

    assert row.state == OutboxState.SENT
    [request] = receiver.requests
    assert request.path == "/hook"
    h = request.headers
    assert h["content-type"] == "application/json"
    assert h["x-tuntas-event"] == "report.created"
    assert h["x-tuntas-delivery"] == row.idempotency_key
    assert h["idempotency-key"] == row.idempotency_key
    assert json.loads(request.raw) == json.loads(row.body)
    assert json.loads(request.raw)["type"] == "report.created"

    signature = h["x-tuntas-signature"]
    assert signature.startswith("t=") and ",v1=" in signature
    assert abs(int(signature.split(",")[0][2:]) - time.time()) < 60
    assert verify_signature("whsec_kapuas", signature, request.raw)
    tampered = request.raw.replace(b"report.created", b"report.closed")
    assert not verify_signature("whsec_kapuas", signature, tampered)
    assert not verify_signature("whsec_other", signature, request.raw)


def test_a_rotated_secret_signs_the_deliveries_still_pending(
    demo: Demo, subscribe: MakeSubscription, receiver: Receiver, local_targets: None
):
    sub = subscribe("kapuas", url=receiver.url, secret="whsec_old")
    row = _queue_one(demo, sub)
    WebhookSubscription.objects.filter(pk=sub.pk).update(secret="whsec_new")
    _deliver(row)
    [request] = receiver.requests
    assert verify_signature("whsec_new", request.headers["x-tuntas-signature"], request.raw)
    assert not verify_signature("whsec_old", request.headers["x-tuntas-signature"], request.raw)


@pytest.mark.parametrize("status", [500, 503, 429, 408])
def test_server_errors_and_rate_limits_are_retried(
    demo: Demo,
    subscribe: MakeSubscription,
    receiver: Receiver,
    local_targets: None,
    status: int,
):
    sub = subscribe("kapuas", url=receiver.url)
    receiver.answer(status)
    row = _deliver(_queue_one(demo, sub))
    assert row.state == OutboxState.PENDING
    assert row.attempts == 1
    assert row.last_error.startswith(f"HTTP {status}")
    assert row.next_attempt_at > timezone.now()
    # Its turn comes again and the receiver is back: sent, with the same delivery id.
    deliver_one(row.pk, now=row.next_attempt_at)
    row.refresh_from_db()
    assert row.state == OutboxState.SENT
    assert [r.headers["x-tuntas-delivery"] for r in receiver.requests] == [row.idempotency_key] * 2


@pytest.mark.parametrize("status", [410, 400, 404, 301])
def test_other_client_errors_and_redirects_are_dead_at_once(
    demo: Demo,
    subscribe: MakeSubscription,
    receiver: Receiver,
    local_targets: None,
    status: int,
):
    sub = subscribe("kapuas", url=receiver.url)
    receiver.answer(status)
    row = _deliver(_queue_one(demo, sub))
    assert row.state == OutboxState.DEAD
    assert row.attempts == 1
    assert row.last_error.startswith(f"HTTP {status}")
    assert len(receiver.requests) == 1  # a redirect is not followed


def test_an_unreachable_receiver_is_retried(
    demo: Demo, subscribe: MakeSubscription, local_targets: None
):
    sub = subscribe("kapuas", url="http://127.0.0.1:9/closed")
    row = _deliver(_queue_one(demo, sub))
    assert row.state == OutboxState.PENDING
    assert "127.0.0.1:9" in row.last_error


def test_a_disabled_or_deleted_subscription_is_dead_and_nothing_is_sent(
    demo: Demo, subscribe: MakeSubscription, receiver: Receiver, local_targets: None
):
    disabled = subscribe("kapuas", url=receiver.url)
    deleted = subscribe("kapuas", url=receiver.url)
    actions.submit_report(report_input(demo), actor=Actor.reporter(demo.users["warga"]), now=START)
    rows = {r.address.split(" ")[0]: r for r in webhook_rows()}
    deleted_pk = deleted.pk
    WebhookSubscription.objects.filter(pk=disabled.pk).update(is_active=False)
    deleted.delete()
    first = _deliver(rows[str(disabled.pk)])
    second = _deliver(rows[str(deleted_pk)])
    assert (first.state, second.state) == (OutboxState.DEAD, OutboxState.DEAD)
    assert "dinonaktifkan" in first.last_error
    assert "dihapus" in second.last_error
    assert receiver.requests == []


def test_in_production_a_target_inside_the_network_is_refused_at_delivery(
    demo: Demo, subscribe: MakeSubscription, receiver: Receiver, production_targets: None
):
    sub = subscribe("kapuas", url=receiver.url.replace("http://", "https://"))
    row = _deliver(_queue_one(demo, sub))
    assert row.state == OutboxState.DEAD
    assert "jaringan internal" in row.last_error
    assert receiver.requests == []
