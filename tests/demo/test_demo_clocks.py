"""The demo shows the clocks acting: the first sweep after loading it closes the
follow-up nobody answered and escalates what agencies left waiting."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tuntas.accounts.models import User
from tuntas.outbox.delivery import deliver_due
from tuntas.outbox.models import Notification
from tuntas.reports.models import Report, Status
from tuntas.reports.sweep import sweep

pytestmark = pytest.mark.django_db


def test_the_first_sweep_closes_the_unanswered_sample_and_people_hear_of_it() -> None:
    call_command("load_demo", stdout=StringIO())
    mail.outbox.clear()
    result = sweep()
    deliver_due(limit=10_000)

    unanswered = Report.objects.get(title="Pohon tumbang menutup bahu Jalan Pemuda")
    assert unanswered.status == Status.CLOSED
    assert unanswered.close_reason == "auto"
    assert result.actions["close"] == 1
    assert result.actions["mark_overdue"] >= 1  # the sample nobody verified for weeks

    reporter = User.objects.get(username="warga")
    assert Notification.objects.filter(user=reporter, subject__contains=unanswered.tracking_id)
    coordinator = User.objects.get(username="kapuas.koordinator")
    assert Notification.objects.filter(user=coordinator, subject__contains="Melewati batas waktu")
    assert any("Ditutup otomatis" in m.body for m in mail.outbox)

    again = sweep()
    assert again.total_actions == 0
