"""Delivery: claim, send once, retry with backoff, dead after permanent errors or too many tries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.outbox.helpers import message
from tuntas.outbox.channels import TransportError
from tuntas.outbox.delivery import (
    BASE_DELAY_SECONDS,
    CLAIM_LEASE,
    JITTER,
    MAX_ATTEMPTS,
    MAX_DELAY_SECONDS,
    backoff,
)
from tuntas.outbox.models import DeliveryChannel, Notification, OutboxState
from tuntas.outbox.services import deliver_due, deliver_one

C = DeliveryChannel


def reload(msg):
    msg.refresh_from_db()
    return msg


@pytest.mark.parametrize("attempts", [1, 2, 3, 5, 8, 20])
def test_backoff_doubles_with_jitter_and_a_ceiling(attempts):
    base = min(BASE_DELAY_SECONDS * 2 ** (attempts - 1), MAX_DELAY_SECONDS)
    for _ in range(20):
        wait = backoff(attempts).total_seconds()
        assert base <= wait <= base * (1 + JITTER)


def test_a_sent_message_is_not_sent_again(demo):
    now = timezone.now()
    user = demo.users["warga"]
    in_app = message(C.IN_APP, recipient=user, now=now)
    email = message(C.EMAIL, user.email, recipient=user, now=now)
    assert deliver_due(now) == 2
    assert deliver_due(now + timedelta(hours=1)) == 0
    assert deliver_one(in_app.pk, now) is False
    assert deliver_one(email.pk, now) is False
    assert Notification.objects.filter(user=user).count() == 1
    assert len(mail.outbox) == 1
    assert reload(email).state == OutboxState.SENT
    assert now <= reload(email).sent_at < now + timedelta(seconds=5)  # now + batch time
    assert reload(email).attempts == 1


def test_a_temporary_failure_is_retried_later_and_then_sent(db, channels_on):
    now = timezone.now()
    channels_on.answer(503)
    msg = message(C.SMS, "081234567890", now=now)
    assert deliver_one(msg.pk, now) is False
    msg = reload(msg)
    assert msg.state == OutboxState.PENDING
    assert msg.attempts == 1
    assert "HTTP 503" in msg.last_error
    wait = msg.next_attempt_at - now
    assert timedelta(seconds=BASE_DELAY_SECONDS) <= wait <= timedelta(seconds=33)
    assert deliver_due(now + timedelta(seconds=10)) == 0  # not yet
    assert deliver_due(now + timedelta(minutes=1)) == 1
    msg = reload(msg)
    assert msg.state == OutboxState.SENT
    assert msg.last_error == ""
    keys = [r.headers["idempotency-key"] for r in channels_on.requests]
    assert keys == [msg.idempotency_key, msg.idempotency_key]


def test_a_permanent_failure_is_dead_at_once(db, channels_on):
    now = timezone.now()
    channels_on.answer(400)
    msg = message(C.WHATSAPP, "081234567890", now=now)
    assert deliver_one(msg.pk, now) is False
    msg = reload(msg)
    assert msg.state == OutboxState.DEAD
    assert msg.attempts == 1
    assert "HTTP 400" in msg.last_error
    assert deliver_due(now + timedelta(days=1)) == 0
    assert len(channels_on.requests) == 1


def test_a_message_dies_after_max_attempts(db, channels_on):
    now = timezone.now()
    channels_on.answer(*[500] * MAX_ATTEMPTS)
    msg = message(C.SMS, "081234567890", now=now)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        now = reload(msg).next_attempt_at
        deliver_one(msg.pk, now)
        msg = reload(msg)
        assert msg.attempts == attempt
        expected = OutboxState.DEAD if attempt == MAX_ATTEMPTS else OutboxState.PENDING
        assert msg.state == expected
    assert len(channels_on.requests) == MAX_ATTEMPTS


def test_a_claimed_message_is_left_alone_for_the_lease(demo, monkeypatch):
    """A worker killed mid-send leaves the message claimed; another takes it after the lease."""
    now = timezone.now()
    msg = message(C.IN_APP, recipient=demo.users["warga"], now=now)

    def killed(self, message):
        raise SystemExit  # stands in for the process dying

    monkeypatch.setattr("tuntas.outbox.channels.in_app.InAppTransport.send", killed)
    with pytest.raises(SystemExit):
        deliver_one(msg.pk, now)
    monkeypatch.undo()
    assert deliver_due(now + CLAIM_LEASE - timedelta(seconds=1)) == 0
    assert deliver_due(now + CLAIM_LEASE) == 1
    assert reload(msg).attempts == 2
    assert Notification.objects.count() == 1


def test_an_unexpected_error_is_retried_not_lost(demo, monkeypatch):
    now = timezone.now()
    msg = message(C.IN_APP, recipient=demo.users["warga"], now=now)

    def broken(self, message):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr("tuntas.outbox.channels.in_app.InAppTransport.send", broken)
    assert deliver_one(msg.pk, now) is False
    msg = reload(msg)
    assert msg.state == OutboxState.PENDING
    assert msg.last_error == "RuntimeError: database hiccup"


def test_a_transport_error_message_is_recorded(demo, monkeypatch):
    now = timezone.now()
    msg = message(C.IN_APP, recipient=demo.users["warga"], now=now)

    def refuse(self, message):
        raise TransportError("ditolak", permanent=True)

    monkeypatch.setattr("tuntas.outbox.channels.in_app.InAppTransport.send", refuse)
    deliver_one(msg.pk, now)
    assert (reload(msg).state, reload(msg).last_error) == (OutboxState.DEAD, "ditolak")


def test_an_unknown_channel_goes_dead(db):
    now = timezone.now()
    msg = message("pigeon", "somewhere", now=now)
    deliver_one(msg.pk, now)
    assert reload(msg).state == OutboxState.DEAD


def test_a_slow_batch_never_lets_another_worker_send_its_messages_again(
    db, channels_on, monkeypatch
):
    """A batch that takes longer than the lease stops halfway through it; what it claimed
    stays claimed, so a second worker starting later sends nothing twice."""
    now = timezone.now()
    first = message(C.SMS, "081234567890", now=now)
    second = message(C.SMS, "081234567891", now=now)
    clock = iter([0.0, 0.0, CLAIM_LEASE.total_seconds()])  # the first send takes a lease
    monkeypatch.setattr("tuntas.outbox.delivery.time.monotonic", lambda: next(clock))
    assert deliver_due(now) == 1
    assert reload(first).state == OutboxState.SENT
    assert reload(second).state == OutboxState.PENDING
    assert reload(second).attempts == 0  # not claimed: the next run sends it
    monkeypatch.undo()
    assert deliver_due(now + timedelta(seconds=1)) == 1
    keys = [r.headers["idempotency-key"] for r in channels_on.requests]
    assert keys == [first.idempotency_key, second.idempotency_key]
