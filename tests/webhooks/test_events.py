"""Report actions fire webhook events: once, with the right payload, for the right
subscribers, in the same transaction as the change."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest

from tests.reports.helpers import make_report, report_input
from tests.webhooks.conftest import START, MakeSubscription, payloads, webhook_rows
from tuntas.core.errors import PermissionDenied
from tuntas.demo.builder import Demo
from tuntas.reports import actions
from tuntas.reports.actions import Actor, composed_transaction
from tuntas.reports.models import Report, Status
from tuntas.webhooks.events import public_url
from tuntas.webhooks.models import EventType

E = EventType
REPORTER_SECRETS = ("Siti", "warga", "081234567890", "w@x.id", "3201")


def _public_verified_report(demo: Demo) -> Report:
    """A verified Kapuas report that is not rahasia."""
    report = make_report(demo, Status.SUBMITTED, now=START)
    Report.objects.filter(pk=report.pk).update(is_confidential=False)
    report.refresh_from_db()
    actions.verify_report(report, actor=Actor(user=demo.users["kapuas.koordinator"]), now=START)
    return Report.objects.get(pk=report.pk)


def test_submitting_fires_report_created_for_the_pemda(demo: Demo, subscribe: MakeSubscription):
    kapuas = subscribe("kapuas")
    other = subscribe("majalengka")
    report = actions.submit_report(
        report_input(demo, reporter_phone="081234567890"),
        actor=Actor.reporter(demo.users["warga"]),
        now=START,
    ).report

    rows = webhook_rows()
    assert len(rows) == 1
    row = rows[0]
    assert row.address.startswith(f"{kapuas.pk} ")
    assert row.event == "report.created"
    assert row.report_id == report.pk
    body = payloads(sub=kapuas)[0]
    assert body["type"] == "report.created"
    assert body["action"] == "submit"
    assert uuid.UUID(body["id"])
    assert datetime.fromisoformat(body["occurred_at"]) == START
    # A new report is rahasia by default: only its tracking id, status and dates.
    assert body["report"] == {
        "tracking_id": report.tracking_id,
        "is_confidential": True,
        "status": "submitted",
        "status_label": "Menunggu verifikasi",
        "created_at": START.isoformat(),
        "status_changed_at": START.isoformat(),
    }
    assert payloads(sub=other) == []


def test_a_public_report_carries_codes_and_its_public_page_but_no_reporter(
    demo: Demo, subscribe: MakeSubscription, settings
):
    settings.TUNTAS_SITE_URL = "https://lapor.example.go.id"
    subscribe("kapuas", events=[E.REPORT_DISPOSED])
    report = _public_verified_report(demo)
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        agencies=[demo.orgs["kapuas-pupr"]],
        lead=demo.orgs["kapuas-pupr"],
        instructions="Catatan internal: segera tangani",
        now=START,
    )
    [body] = payloads("report.disposed")
    assert body["action"] == "dispose"
    data = body["report"]
    assert data["tracking_id"] == report.tracking_id
    assert data["is_confidential"] is False
    assert data["status"] == "disposed"
    assert data["pemda"] == "kapuas"
    assert data["lead_agency"] == "kapuas-pupr"
    assert data["classification"] == "complaint"
    assert data["channel"] == "web"
    assert data["category"]["name"] == "Jalan rusak"
    assert data["escalation"] == ""
    assert data["url"] == public_url(report.tracking_id)
    assert data["url"] == f"https://lapor.example.go.id/laporan-publik/{report.tracking_id}/"
    raw = webhook_rows()[0].body
    for secret in (*REPORTER_SECRETS, "Catatan internal", report.title):
        assert secret not in raw


def test_each_event_type_fires_once_along_the_whole_path(demo: Demo, subscribe: MakeSubscription):
    sub = subscribe("kapuas")
    report = make_report(demo, Status.CLOSED, now=START)
    types = [b["type"] for b in payloads(sub=sub)]
    assert types == [
        "report.created",
        "report.disposed",
        "report.followed_up",
        "report.closed",
    ]
    actions_ = [b["action"] for b in payloads(sub=sub)]
    assert actions_ == ["submit", "dispose", "publish_followup", "reply_satisfied"]
    closed = payloads("report.closed")[0]["report"]
    assert closed["status"] == "closed"
    assert closed["tracking_id"] == report.tracking_id
    assert len({b["id"] for b in payloads()}) == 4


def test_closing_by_the_coordinator_and_forwarding_to_ombudsman(
    demo: Demo, subscribe: MakeSubscription
):
    subscribe("kapuas", events=[E.REPORT_CLOSED, E.REPORT_ESCALATED])
    report = make_report(demo, Status.FOLLOWED_UP, now=START)
    actions.close_report(
        report, actor=Actor(user=demo.users["kapuas.koordinator"]), note="Selesai", now=START
    )
    other = make_report(demo, Status.OMBUDSMAN, now=START)
    assert [b["action"] for b in payloads()] == ["close", "forward_ombudsman"]
    escalated = payloads("report.escalated")[0]["report"]
    assert escalated["tracking_id"] == other.tracking_id
    assert escalated["status"] == "ombudsman"


def test_an_already_solved_intake_is_created_and_followed_up(
    demo: Demo, subscribe: MakeSubscription
):
    subscribe("kapuas")
    actions.intake_report(
        report_input(demo, reporter_email="w@x.id"),
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        solved_answer="Sudah diperbaiki.",
        now=START,
    )
    assert [b["type"] for b in payloads()] == ["report.created", "report.followed_up"]
    assert {b["action"] for b in payloads()} == {"intake_solved"}


def test_only_the_chosen_events_and_active_subscriptions_hear(
    demo: Demo, subscribe: MakeSubscription
):
    closed_only = subscribe("kapuas", events=[E.REPORT_CLOSED])
    subscribe("kapuas", is_active=False)
    make_report(demo, Status.FOLLOWED_UP, now=START)
    assert webhook_rows() == []
    report = Report.objects.get()
    actions.reply_satisfied(report, actor=Actor(user=demo.users["warga"]), rating=4, now=START)
    rows = webhook_rows()
    assert [(r.event, r.address.split(" ")[0]) for r in rows] == [
        ("report.closed", str(closed_only.pk))
    ]


def test_a_national_subscription_hears_every_pemda(demo: Demo, subscribe: MakeSubscription):
    national = subscribe("national", events=[E.REPORT_CREATED])
    for pemda in ("kapuas", "majalengka", "bangkalan"):
        actions.submit_report(
            report_input(demo, pemda=pemda, category=None),
            actor=Actor.reporter(demo.users["warga"]),
            now=START,
        )
    assert len(payloads(sub=national)) == 3


def test_a_rolled_back_action_leaves_no_event(demo: Demo, subscribe: MakeSubscription):
    subscribe("kapuas")
    with pytest.raises(RuntimeError), composed_transaction():
        actions.submit_report(
            report_input(demo), actor=Actor.reporter(demo.users["warga"]), now=START
        )
        assert len(webhook_rows()) == 1  # written with the change ...
        raise RuntimeError("the request failed after the action")
    assert webhook_rows() == []  # ... and gone with it
    assert not Report.objects.exists()


def test_a_refused_action_writes_nothing(demo: Demo, subscribe: MakeSubscription):
    subscribe("kapuas")
    report = make_report(demo, Status.VERIFIED, now=START)
    before = len(webhook_rows())
    with pytest.raises(PermissionDenied):
        actions.dispose_report(
            report,
            actor=Actor(user=demo.users["kapuas.pupr.staf"]),
            agencies=[demo.orgs["kapuas-pupr"]],
            lead=demo.orgs["kapuas-pupr"],
            now=START,
        )
    assert len(webhook_rows()) == before


def test_no_subscription_no_rows(demo: Demo):
    make_report(demo, Status.CLOSED, now=START)
    assert webhook_rows() == []


def test_a_transfer_fires_report_disposed_with_the_new_lead(
    demo: Demo, subscribe: MakeSubscription
):
    subscribe("kapuas", events=[E.REPORT_DISPOSED])
    report = _public_verified_report(demo)
    coordinator = demo.users["kapuas.koordinator"]
    pupr = demo.orgs["kapuas-pupr"]
    actions.dispose_report(
        report, actor=Actor(user=coordinator), agencies=[pupr], lead=pupr, now=START
    )
    actions.transfer_report(
        report,
        actor=Actor(user=coordinator),
        to_agency=demo.orgs["kapuas-disdik"],
        reason="Bukan urusan PUPR",
        now=START,
    )
    bodies = payloads("report.disposed")
    assert [(b["action"], b["report"]["lead_agency"]) for b in bodies] == [
        ("dispose", "kapuas-pupr"),
        ("transfer", "kapuas-disdik"),
    ]
    assert "Bukan urusan PUPR" not in webhook_rows()[1].body
