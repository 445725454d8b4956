"""The staff's daily digest: right reports, right people, once a day, bounded queries."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.reports.helpers import make_report
from tests.staff.helpers import majalengka_report
from tuntas.celery import app
from tuntas.outbox.delivery import deliver_due
from tuntas.outbox.models import DIGEST_EVENT, NotificationPreference, OutboxMessage
from tuntas.reports.digest import queue_daily_digests
from tuntas.reports.models import Clock
from tuntas.reports.next_due import refresh_next_due
from tuntas.workdays.calendars import clear_calendar_cache


def due(report, when: datetime) -> None:
    Clock.objects.filter(report=report, stopped_at__isnull=True).update(due_at=when, paused_at=None)
    refresh_next_due(report)  # clocks written directly: keep the stored nearest deadline


def digests(user=None):
    qs = OutboxMessage.objects.filter(event=DIGEST_EVENT, channel="in_app")
    if user is not None:
        qs = qs.filter(recipient=user)
    return qs


@pytest.fixture
def world(demo, at):
    """Monday 23 Nov 2026 07:00 WIB: one Kapuas report late, one due Tuesday, one due
    Wednesday, and one Majalengka report due Tuesday."""
    late = make_report(demo)
    soon = make_report(demo)
    later = make_report(demo)
    elsewhere = majalengka_report(demo)
    due(late, at(2026, 11, 20, 15))
    due(soon, at(2026, 11, 24, 10))
    due(later, at(2026, 11, 25, 10))
    due(elsewhere, at(2026, 11, 24, 11))
    return {"late": late, "soon": soon, "later": later, "elsewhere": elsewhere}


def test_it_lists_late_reports_and_those_due_by_the_next_working_day(demo, world, at):
    queue_daily_digests(at(2026, 11, 23, 7))
    [digest] = digests(demo.users["kapuas.koordinator"])
    assert "1 terlambat, 1 jatuh tempo" in digest.subject
    assert world["late"].tracking_id in digest.body
    assert world["soon"].tracking_id in digest.body
    assert world["later"].tracking_id not in digest.body
    assert world["elsewhere"].tracking_id not in digest.body
    assert "Terlambat (1):" in digest.body
    assert "tenggat 20 Nov 2026 15:00 WIB" in digest.body
    assert digest.link == "/petugas/?late=on"
    [national] = digests(demo.users["nasional"])
    assert world["elsewhere"].tracking_id in national.body
    [other] = digests(demo.users["majalengka.koordinator"])
    assert "0 terlambat, 1 jatuh tempo" in other.subject
    assert other.link == "/petugas/"


def test_on_friday_the_next_working_day_is_monday(demo, world, at):
    due(world["later"], at(2026, 11, 30, 9))  # Monday after
    queue_daily_digests(at(2026, 11, 27, 7))  # Friday
    [digest] = digests(demo.users["kapuas.koordinator"])
    assert world["later"].tracking_id in digest.body


def test_people_with_nothing_to_report_citizens_and_opted_out_staff_get_none(demo, world, at):
    NotificationPreference.objects.create(
        user=demo.users["kapuas.kasi"], daily_digest=False, updated_at=timezone.now()
    )
    queue_daily_digests(at(2026, 11, 23, 7))
    receivers = set(digests().values_list("recipient__username", flat=True))
    assert "kapuas.koordinator" in receivers
    assert "kapuas.kabid" in receivers  # a Pemda-wide role sees the Pemda's reports
    assert "kapuas.kasi" not in receivers  # switched it off
    assert "bangkalan.koordinator" not in receivers  # nothing late or due
    assert "warga" not in receivers  # the reporter is no staff


def test_it_runs_once_per_local_date(demo, world, at):
    first = queue_daily_digests(at(2026, 11, 23, 7))
    assert first > 0
    count = OutboxMessage.objects.filter(event=DIGEST_EVENT).count()
    assert queue_daily_digests(at(2026, 11, 23, 18)) == 0
    assert OutboxMessage.objects.filter(event=DIGEST_EVENT).count() == count
    assert queue_daily_digests(at(2026, 11, 24, 7)) > 0
    assert digests(demo.users["kapuas.koordinator"]).count() == 2


def test_the_digest_arrives_by_email_with_its_own_footer(demo, world, at):
    queue_daily_digests(at(2026, 11, 23, 7))
    deliver_due(timezone.now())
    [sent] = [
        m
        for m in mail.outbox
        if m.to == [demo.users["kapuas.koordinator"].email] and "Ringkasan harian" in m.subject
    ]
    assert world["late"].tracking_id in sent.body
    assert "ringkasan harian Anda aktif" in sent.body


def test_queries_do_not_grow_with_the_number_of_reports(
    demo, world, at, django_assert_max_num_queries
):
    def run() -> int:
        OutboxMessage.objects.filter(event=DIGEST_EVENT).delete()
        clear_calendar_cache()
        with CaptureQueriesContext(connection) as queries:
            queue_daily_digests(at(2026, 11, 23, 7))
        return len(queries)

    few = run()
    for _ in range(6):
        due(make_report(demo), at(2026, 11, 20, 9))
        due(majalengka_report(demo), at(2026, 11, 24, 9))
    assert run() == few
    clear_calendar_cache()
    OutboxMessage.objects.filter(event=DIGEST_EVENT).delete()
    with django_assert_max_num_queries(few):
        queue_daily_digests(at(2026, 11, 23, 7))


def test_beat_queues_it_at_seven_in_jakarta():
    entry = app.conf.beat_schedule["daily-digest"]
    assert entry["task"] == "tuntas.reports.tasks.queue_daily_digests"
    assert entry["schedule"].hour == {7}
    assert entry["schedule"].minute == {0}
    assert str(app.conf.timezone) == "Asia/Jakarta"
