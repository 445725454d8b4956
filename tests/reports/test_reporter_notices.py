"""Reporters are told in words for citizens, not in the staff's command verbs (issue 12)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

import pytest

from tuntas.audit.models import Visibility
from tuntas.outbox.services import Composer
from tuntas.reports.hooks import ChangeBatch, ChangeContext, ReportChange
from tuntas.reports.models import Report
from tuntas.reports.notify import Audiences, notify
from tuntas.reports.transitions import Action

pytestmark = pytest.mark.django_db

STAFF_VERBS = ("Sampaikan tindak lanjut", "Terima disposisi", "Tutup laporan", "Disposisi ke OPD")


class Recorder:
    def __init__(self) -> None:
        self.added: list[dict[str, Any]] = []

    def add(self, **kwargs: Any) -> None:
        self.added.append(kwargs)


class NoAudiences(Audiences):
    def members(self, name: str, report: Report, extra: ChangeContext) -> list[Any]:
        return []

    def whatsapp_groups(self, agency_ids: list[int]) -> list[str]:
        return []


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (Action.PUBLISH_FOLLOWUP, "Instansi telah menjawab laporan Anda"),
        (Action.ACCEPT, "Instansi telah menerima laporan Anda"),
        (Action.CLOSE, "Laporan Anda telah selesai"),
        (Action.DISPOSE, "Laporan Anda telah diteruskan ke instansi yang berwenang"),
    ],
)
def test_the_reporter_reads_what_happened_not_a_staff_command(
    action: Action, expected: str
) -> None:
    report = Report(tracking_id="TNT-1", title="Jalan rusak", reporter_email="a@example.org")
    now = datetime(2026, 8, 3, 9, tzinfo=UTC)
    change = ReportChange(
        report=report,
        action=action,
        actor=None,
        now=now,
        reason="",
        reporter_reason="",
        visibility=Visibility.PUBLIC,
        context=ChangeContext(),
        batch=cast(ChangeBatch, None),
    )
    recorder = Recorder()
    notify(change, composer=cast(Composer, recorder), audiences=NoAudiences())
    to_reporter = [m for m in recorder.added if m["key"].endswith(":reporter")]
    assert len(to_reporter) == 1
    text = to_reporter[0]["subject"] + to_reporter[0]["body"]
    assert expected in text
    assert not any(verb in text for verb in STAFF_VERBS)
