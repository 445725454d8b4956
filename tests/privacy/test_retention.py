"""Retention: each kind of personal data goes once its period (a setting) has passed,
applied by the hourly purge, with one audit event per run; a dry run changes nothing."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from tests.privacy.helpers import GUEST_NAME, guest_report
from tests.reports.helpers import make_report
from tuntas.accounts.models import User
from tuntas.apikeys.models import ApiKey, ApiKeyUse
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import AuditEvent
from tuntas.audit.services import record_event
from tuntas.demo.builder import Demo
from tuntas.inbound.models import InboundMessage, InboundState
from tuntas.outbox.models import OutboxMessage, OutboxState
from tuntas.privacy.retention import purge
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status

LATER = timedelta(days=800)


def closed_guest_report(demo: Demo) -> Report:
    guest = guest_report(demo)
    actions.archive_report(
        guest.report, actor=Actor(user=demo.users["kapuas.koordinator"]), reason_code="duplicate"
    )
    guest.report.refresh_from_db()
    return guest.report


def old_rows(demo: Demo) -> None:
    long_ago = timezone.now() - timedelta(days=400)
    InboundMessage.objects.create(
        channel="sms",
        provider_id="sms-1",
        sender="6281234567890",
        sender_name="Pak Darmawan",
        text="Lampu jalan mati",
        raw='{"from": "6281234567890"}',
        received_at=long_ago,
        state=InboundState.DISMISSED,
    )
    OutboxMessage.objects.create(
        idempotency_key="old-1",
        channel="email",
        event="report_submitted",
        address="darmawan@contoh.invalid",
        subject="Laporan diterima",
        body="Yth. Bapak Darmawan, laporan Anda diterima.",
        state=OutboxState.SENT,
        next_attempt_at=long_ago,
        created_at=long_ago,
        sent_at=long_ago,
    )
    app = User.objects.create(username="aplikasi-kapuas")
    key = ApiKey.objects.create(
        organisation=demo.orgs["kapuas"],
        name="Aplikasi",
        prefix="tk_old",
        secret_hash="x" * 64,
        user=app,
        created_at=long_ago,
    )
    ApiKeyUse.objects.create(
        key=key,
        at=long_ago,
        method="GET",
        path="/open311/",
        status_code=200,
        remote_addr="10.0.0.1",
    )
    record_event(
        action=AuditAction.SIGN_IN_FAILED,
        actor=None,
        actor_label="10.0.0.9",
        now=long_ago,
        data={"username": "warga", "address": "10.0.0.9", "channel": "web"},
    )


def test_a_dry_run_counts_and_changes_nothing(demo: Demo) -> None:
    report = closed_guest_report(demo)
    old_rows(demo)
    events = AuditEvent.objects.count()
    result = purge(now=timezone.now() + LATER, dry_run=True)
    assert result.counts == {
        "reporter_identity": 1,
        "attachments": 1,
        "inbound_raw": 1,
        "outbox_bodies": 1,
        "api_key_uses": 1,
        "failed_sign_ins": 1,
    }
    report.refresh_from_db()
    assert report.reporter_name == GUEST_NAME and report.attachments.count() == 1
    assert AuditEvent.objects.count() == events  # no audit event for a dry run


def test_the_purge_erases_what_is_past_its_period_with_one_audit_event(demo: Demo) -> None:
    report = closed_guest_report(demo)
    old_rows(demo)
    result = purge(now=timezone.now() + LATER)
    assert set(result.counts.values()) == {1}
    report.refresh_from_db()
    assert (report.reporter_name, report.reporter_nik, report.reporter_email) == ("", "", "")
    assert report.status == Status.ARCHIVED and not report.attachments.exists()
    message = InboundMessage.objects.get()
    assert (message.raw, message.sender, message.text) == ("", "", "")
    sent = OutboxMessage.objects.get(idempotency_key="old-1")
    assert (sent.body, sent.address) == ("", "")
    assert not ApiKeyUse.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.SIGN_IN_FAILED).exists()
    (run,) = AuditEvent.objects.filter(action=AuditAction.PERSONAL_DATA_PURGED)
    assert run.report is None and run.data["counts"]["attachments"] == 1
    assert run.data["periods_days"]["reporter_identity"] == 730
    # The next run finds nothing left: one event, zero counts.
    again = purge(now=timezone.now() + LATER)
    assert set(again.counts.values()) == {0}
    assert AuditEvent.objects.filter(action=AuditAction.PERSONAL_DATA_PURGED).count() == 2


def test_open_reports_and_recent_data_are_kept(demo: Demo) -> None:
    open_report = make_report(demo, Status.IN_DIVISION)
    closed = closed_guest_report(demo)
    result = purge(now=timezone.now() + timedelta(days=30))
    assert result.counts["reporter_identity"] == 0 and result.counts["attachments"] == 0
    closed.refresh_from_db()
    assert closed.reporter_name == GUEST_NAME
    purge(now=timezone.now() + LATER)
    open_report.refresh_from_db()
    assert open_report.reporter_id is not None  # an open report's reporter stays


def test_zero_keeps_that_kind_for_ever(demo: Demo, settings) -> None:
    settings.TUNTAS_RETENTION_REPORTER_IDENTITY_DAYS = 0
    settings.TUNTAS_RETENTION_FAILED_SIGN_IN_DAYS = 0
    report = closed_guest_report(demo)
    old_rows(demo)
    result = purge(now=timezone.now() + timedelta(days=36000))
    assert result.counts["reporter_identity"] == 0 and result.counts["failed_sign_ins"] == 0
    report.refresh_from_db()
    assert report.reporter_name == GUEST_NAME


def test_the_command_dry_run_prints_counts(demo: Demo) -> None:
    closed_guest_report(demo)
    out = StringIO()
    as_of = (timezone.now() + LATER).isoformat()
    call_command("purge_personal_data", "--dry-run", "--as-of", as_of, stdout=out)
    text = out.getvalue()
    assert "reporter_identity (730 days) would erase: 1" in text
    assert "erasure requests would erase: 0" in text
    assert not AuditEvent.objects.filter(action=AuditAction.PERSONAL_DATA_PURGED).exists()
    call_command("purge_personal_data", "--as-of", as_of, stdout=StringIO())
    assert AuditEvent.objects.filter(action=AuditAction.PERSONAL_DATA_PURGED).count() == 1


def test_the_purge_is_scheduled_hourly() -> None:
    from tuntas.celery import app

    entry = app.conf.beat_schedule["purge-personal-data"]
    assert entry["task"] == "tuntas.privacy.tasks.purge_personal_data"


def test_the_purge_carries_out_due_erasure_requests(demo: Demo) -> None:
    from tuntas.privacy.erasure import request_erasure
    from tuntas.privacy.export import Subject

    warga = demo.users["warga"]
    request = request_erasure(Subject(user=warga), actor=warga, surface="page", now=timezone.now())
    assert purge(now=request.due_at - timedelta(minutes=1)).erasures == 0
    assert purge(now=request.due_at).erasures == 1
    assert not User.objects.get(pk=warga.pk).is_active


def test_bad_retention_settings_stop_the_start() -> None:
    from tests.setup.test_settings_env import import_settings

    for name, value, message in [
        ("TUNTAS_RETENTION_ATTACHMENT_DAYS", "-1", "between 0 (keep for ever) and 36500"),
        ("TUNTAS_RETENTION_OUTBOX_BODY_DAYS", "ninety", "must be an integer"),
        ("TUNTAS_ERASURE_WAIT_HOURS", "100", "between 0 and 72"),
    ]:
        result = import_settings(TUNTAS_SECRET_KEY="k" * 60, **{name: value})
        assert result.returncode != 0 and message in result.stderr, (name, result.stderr[-300:])
