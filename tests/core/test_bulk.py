"""insert_values writes exactly what bulk_create would (COPY on PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tuntas.audit.models import AuditEvent, Visibility
from tuntas.core import bulk
from tuntas.demo.builder import Demo
from tuntas.outbox.models import OutboxMessage
from tuntas.workdays.models import CalendarAdjustment

WHEN = datetime(2026, 3, 12, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture(autouse=True)
def always_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "COPY_THRESHOLD", 0)


MESSAGE_FIELDS = (
    "idempotency_key",
    "channel",
    "event",
    "address",
    "subject",
    "body",
    "next_attempt_at",
    "created_at",
)
AUDIT_FIELDS = ("created_at", "actor_label", "action", "reason", "visibility", "data")


def _message(key: str, body: str = "Isi") -> tuple[object, ...]:
    return (key, "email", "close", "warga@example.id", "[LPR] Tutup", body, WHEN, WHEN)


def test_rows_arrive_with_every_value(db: None) -> None:
    reason = "Ditutup otomatis; tanda kutip ' dan \\ dan tab\tbaris\nbaru"
    data = {"step": "auto_close", "n": 10, "nested": {"ok": True}}
    events = [(WHEN, "Sistem", "close", reason, Visibility.PUBLIC, data) for _ in range(3)]
    assert bulk.insert_values(AuditEvent, AUDIT_FIELDS, events) == 3
    stored = list(AuditEvent.objects.order_by("id"))
    assert len(stored) == 3
    assert stored[0].reason == reason
    assert stored[0].data == {"step": "auto_close", "n": 10, "nested": {"ok": True}}
    assert stored[0].created_at == WHEN
    assert stored[0].actor is None


def test_duplicates_are_skipped_and_new_rows_kept(db: None) -> None:
    bulk.insert_values(OutboxMessage, MESSAGE_FIELDS, [_message("a")], skip_duplicates=True)
    later = [_message("a", "lain"), _message("b")]
    bulk.insert_values(OutboxMessage, MESSAGE_FIELDS, later, skip_duplicates=True)
    assert sorted(OutboxMessage.objects.values_list("idempotency_key", "body")) == [
        ("a", "Isi"),
        ("b", "Isi"),
    ]


def test_nothing_to_insert(db: None) -> None:
    assert bulk.insert_values(OutboxMessage, MESSAGE_FIELDS, []) == 0


def test_values_get_the_other_fields_defaults(db: None) -> None:
    names = ("idempotency_key", "channel", "event", "subject", "body")
    rows = [(f"k{i}", "email", "close", "S", "B") for i in range(3)]
    rows += [("k0", "email", "close", "lain", "lain")]
    bulk.insert_values(
        OutboxMessage,
        (*names, "next_attempt_at", "created_at"),
        [(*row, WHEN, WHEN) for row in rows],
        skip_duplicates=True,
    )
    stored = OutboxMessage.objects.order_by("idempotency_key")
    assert [m.idempotency_key for m in stored] == ["k0", "k1", "k2"]
    first = stored[0]
    assert (first.state, first.attempts, first.last_error, first.sent_at) == (
        "pending",
        0,
        "",
        None,
    )
    assert first.subject == "S"
    assert first.created_at == WHEN


def test_skipping_duplicates_counts_only_the_rows_written(db: None) -> None:
    first = [_message("a"), _message("b")]
    assert bulk.insert_values(OutboxMessage, MESSAGE_FIELDS, first, skip_duplicates=True) == 2
    again = [_message("b"), _message("c"), _message("c")]
    assert bulk.insert_values(OutboxMessage, MESSAGE_FIELDS, again, skip_duplicates=True) == 1


def test_small_batches_count_too(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk, "COPY_THRESHOLD", 10_000)
    bulk.insert_values(OutboxMessage, MESSAGE_FIELDS, [_message("a")], skip_duplicates=True)
    rows = [_message("a"), _message("b")]
    assert bulk.insert_values(OutboxMessage, MESSAGE_FIELDS, rows, skip_duplicates=True) == 1
    assert OutboxMessage.objects.count() == 2


def test_a_callable_default_is_called_for_every_row(db: None) -> None:
    rows = [(WHEN, "Sistem", "close", "", Visibility.PUBLIC) for _ in range(2)]
    bulk.insert_values(AuditEvent, AUDIT_FIELDS[:-1], rows)
    assert [e.data for e in AuditEvent.objects.order_by("id")] == [{}, {}]


def test_dates_arrive_as_dates(demo: Demo) -> None:
    pemda = demo.orgs["kapuas"].pk
    days = [date(2026, 3, 18), date(2026, 3, 19)]
    rows = [(pemda, day, "holiday") for day in days]
    bulk.insert_values(CalendarAdjustment, ("pemda_id", "date", "kind"), rows)
    stored = CalendarAdjustment.objects.filter(pemda_id=pemda).order_by("date")
    assert [(a.date, a.kind, a.description) for a in stored] == [
        (days[0], "holiday", ""),
        (days[1], "holiday", ""),
    ]


def test_a_name_that_is_not_a_field_is_refused(db: None) -> None:
    with pytest.raises(ValueError, match="not fields of the model: nope"):
        bulk.insert_values(OutboxMessage, (*MESSAGE_FIELDS, "nope"), [(*_message("a"), 1)])
