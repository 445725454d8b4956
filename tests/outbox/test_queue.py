"""queue(): the one writer of outbox rows; the database refuses a repeated key."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tuntas.core import bulk
from tuntas.outbox.models import DeliveryChannel, OutboxMessage, OutboxState
from tuntas.outbox.queue import OutgoingMessage, queue, row_key

WHEN = datetime(2026, 3, 12, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def email(n: int = 1, *, key: str = "ev1", report_id: int | None = None) -> OutgoingMessage:
    return OutgoingMessage(
        channel=DeliveryChannel.EMAIL,
        target=f"warga{n}@example.id",
        key=key,
        event="verify",
        subject="[LPR-1] Verifikasi",
        body="Laporan diverifikasi.",
        address=f"Warga{n}@example.id",
        report_id=report_id,
        link="/laporan/LPR-1/",
    )


def test_it_writes_the_row_the_message_describes(db: None) -> None:
    assert queue([email()], now=WHEN) == 1
    [row] = OutboxMessage.objects.all()
    assert row.idempotency_key == row_key("ev1", DeliveryChannel.EMAIL, "warga1@example.id")
    assert row.idempotency_key == "ev1:email:warga1@example.id"
    assert (row.channel, row.event, row.address, row.link) == (
        "email",
        "verify",
        "Warga1@example.id",
        "/laporan/LPR-1/",
    )
    assert (row.state, row.attempts, row.next_attempt_at, row.created_at) == (
        OutboxState.PENDING,
        0,
        WHEN,
        WHEN,
    )


def test_the_same_message_is_written_once_however_often_it_is_offered(db: None) -> None:
    assert queue([email(), email(), email(2)], now=WHEN) == 2
    assert queue([email(), email(3)], now=WHEN) == 1  # a later transaction, say
    assert queue([email()], now=WHEN) == 0
    assert sorted(OutboxMessage.objects.values_list("address", flat=True)) == [
        "Warga1@example.id",
        "Warga2@example.id",
        "Warga3@example.id",
    ]


def test_a_repeat_is_refused_by_the_database_not_looked_up_first(db: None) -> None:
    queue([email()], now=WHEN)
    with CaptureQueriesContext(connection) as queries:
        assert queue([email(), email(2)], now=WHEN) == 1
    assert len(queries) == 1
    assert queries[0]["sql"].lstrip().upper().startswith("INSERT")


@pytest.mark.parametrize("threshold", [0, bulk.COPY_THRESHOLD], ids=["copy", "insert"])
def test_large_batches_count_only_new_rows(
    db: None, monkeypatch: pytest.MonkeyPatch, threshold: int
) -> None:
    monkeypatch.setattr(bulk, "COPY_THRESHOLD", threshold)
    queue([email(n) for n in range(5)], now=WHEN)
    assert queue([email(n) for n in range(10)], now=WHEN) == 5
    assert OutboxMessage.objects.count() == 10


def test_long_subjects_and_addresses_are_cut_to_the_columns(db: None) -> None:
    message = OutgoingMessage(
        channel=DeliveryChannel.FEDERATION,
        target=7,
        key="federation:forward:LPR-1",
        event="federation_forward",
        subject="s" * 300,
        body="{}",
        address="https://" + "a" * 300,
    )
    queue([message], now=WHEN)
    [row] = OutboxMessage.objects.all()
    assert len(row.subject) == 200 and len(row.address) == 254


def test_the_worker_is_woken_once_the_transaction_commits(
    db: None, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        queue([], now=WHEN)
    assert callbacks == []
    with django_capture_on_commit_callbacks() as callbacks:
        queue([email(), email(2)], now=WHEN)
    assert len(callbacks) == 1
