"""The fault test's SMS gateway: keeps each key once, drops repeats, holds on request."""

from __future__ import annotations

import json
import threading
import urllib.request
from collections.abc import Iterator
from urllib.error import HTTPError

import pytest

from tests.fault.receiver import GatewayReceiver


@pytest.fixture
def gateway() -> Iterator[tuple[GatewayReceiver, str]]:
    receiver = GatewayReceiver(delay=(0, 0))
    url = receiver.start()
    yield receiver, url
    receiver.stop()


def post(url: str, key: str, reference: str | None = None) -> tuple[int, dict[str, object]]:
    body = {"to": "+6281200000001", "message": "Laporan ditutup.", "reference": reference or key}
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Idempotency-Key"] = key
    request = urllib.request.Request(  # noqa: S310 - a local http URL
        url, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_it_keeps_each_key_once_and_drops_repeats(gateway):
    receiver, url = gateway
    assert post(url, "7:close::t:reporter:sms:6281200000001") == (
        200,
        {"ok": True, "duplicate": False},
    )
    assert post(url, "7:close::t:reporter:sms:6281200000001")[1]["duplicate"] is True
    assert post(url, "8:close::t:reporter:sms:6281200000001")[1]["duplicate"] is False
    assert receiver.distinct() == 2
    assert receiver.repeats() == {"7:close::t:reporter:sms:6281200000001": 1}


@pytest.mark.parametrize(("key", "reference"), [("", "k1"), ("k1", "k2")])
def test_it_refuses_a_request_without_a_matching_key(gateway, key, reference):
    receiver, url = gateway
    status, _ = post(url, key, reference)
    assert status == 400
    assert receiver.distinct() == 0
    assert len(receiver.rejected()) == 1


def test_a_held_request_has_arrived_but_gets_no_answer_until_released(gateway):
    receiver, url = gateway
    hold = receiver.hold_next()
    answers: list[int] = []
    client = threading.Thread(target=lambda: answers.append(post(url, "k1")[0]))
    client.start()
    assert hold.taken.wait(5)
    assert (hold.key, receiver.keys()) == ("k1", {"k1"})
    client.join(0.2)
    assert client.is_alive() and answers == []
    receiver.cancel(hold)
    client.join(5)
    assert answers == [200]
    assert post(url, "k2")[0] == 200  # the next request is not held
