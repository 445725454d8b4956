"""The clock sweep fires webhook events like the one-report actions, in its batches."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reports.sweep.seeds import SEEDS, clock, disposed, followed_up, reload
from tests.webhooks.conftest import START, MakeSubscription, payloads, webhook_rows
from tuntas.demo.builder import Demo
from tuntas.reports.models import Status
from tuntas.reports.sweep import sweep
from tuntas.standards.models import Step
from tuntas.webhooks.models import EventType

KAPUAS = next(s for s in SEEDS if s.name == "003")
E = EventType


def test_auto_close_by_the_sweep_fires_report_closed(demo: Demo, subscribe: MakeSubscription):
    sub = subscribe("kapuas", events=[E.REPORT_CLOSED])
    other = subscribe("majalengka")
    report = followed_up(demo, KAPUAS, START)
    due = clock(report, Step.AUTO_CLOSE).due_at
    assert due is not None
    assert sweep(due).actions["close"] == 1
    [body] = payloads(sub=sub)
    assert body["type"] == "report.closed"
    assert body["action"] == "close"
    assert body["report"]["tracking_id"] == report.tracking_id
    assert body["report"]["status"] == "closed"
    assert body["occurred_at"] == due.isoformat()
    assert payloads(sub=other) == []
    sweep(due + timedelta(minutes=1))  # nothing is sent twice
    assert len(payloads(sub=sub)) == 1


def test_interventions_and_ombudsman_by_the_sweep_fire_report_escalated(
    demo: Demo, subscribe: MakeSubscription
):
    sub = subscribe("kapuas", events=[E.REPORT_ESCALATED])
    report = disposed(demo, KAPUAS, START)
    pemda_due = clock(report, Step.INTERVENTION_PEMDA).due_at
    assert pemda_due is not None
    sweep(pemda_due)
    [first] = payloads(sub=sub)
    assert first["action"] == "intervene_pemda"
    assert first["report"]["status"] == "disposed"
    ombudsman_due = clock(report, Step.OMBUDSMAN).due_at
    result = sweep(ombudsman_due)
    assert result.actions["intervene_national"] == 1
    assert result.actions["forward_ombudsman"] == 1
    bodies = payloads(sub=sub)
    assert [b["action"] for b in bodies] == [
        "intervene_pemda",
        "intervene_national",
        "forward_ombudsman",
    ]
    # Each event carries the status right after its own action.
    assert [b["report"]["status"] for b in bodies] == ["disposed", "disposed", "ombudsman"]
    assert reload(report).status == Status.OMBUDSMAN
    assert len({b["id"] for b in bodies}) == 3


def test_reminders_and_overdue_notices_fire_nothing(demo: Demo, subscribe: MakeSubscription):
    subscribe("kapuas")
    report = disposed(demo, KAPUAS, START)
    before = len(webhook_rows())
    due = clock(report, Step.AGENCY_ACCEPTANCE).due_at
    assert due is not None
    result = sweep(due)
    assert result.actions["mark_overdue"] >= 1
    assert len(webhook_rows()) == before


def test_the_sweep_query_count_stays_flat_with_subscribers(demo: Demo, subscribe: MakeSubscription):
    subscribe("kapuas")
    subscribe("national", events=[E.REPORT_CLOSED])
    few = [followed_up(demo, KAPUAS, START) for _ in range(2)]
    due = clock(few[0], Step.AUTO_CLOSE).due_at
    assert due is not None
    with CaptureQueriesContext(connection) as small:
        assert sweep(due).actions["close"] == 2
    many = [followed_up(demo, KAPUAS, START + timedelta(days=30)) for _ in range(8)]
    later = clock(many[0], Step.AUTO_CLOSE).due_at
    assert later is not None
    with CaptureQueriesContext(connection) as large:
        assert sweep(later).actions["close"] == 8
    assert len(large) <= len(small) + 2
    assert len(payloads("report.closed")) == 2 * 10  # two subscribers, ten reports
    lookups = [q for q in large.captured_queries if "webhooks_webhooksubscription" in q["sql"]]
    assert len(lookups) == 1  # one subscription lookup for the batch, not one per report
