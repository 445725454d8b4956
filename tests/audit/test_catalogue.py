"""Every audit action comes from one catalogue; the writer refuses anything else."""

from __future__ import annotations

import enum

import pytest
from django.utils import timezone

from tests.reports.helpers import make_report
from tuntas.audit.catalogue import (
    AUDIT_LABELS,
    AuditAction,
    catalogued,
    register_vocabulary,
    vocabularies,
)
from tuntas.audit.models import AuditEvent, Visibility
from tuntas.audit.services import SystemEvent, record_event, record_events
from tuntas.demo.builder import Demo
from tuntas.reports.models import Status
from tuntas.reports.transitions import Action

pytestmark = pytest.mark.django_db


def test_every_audit_action_has_a_label() -> None:
    assert set(AUDIT_LABELS) == set(AuditAction)


def test_the_report_actions_are_a_vocabulary_of_the_catalogue() -> None:
    assert Action in vocabularies()
    assert catalogued("verify") is Action.VERIFY
    assert catalogued("api_key_issued") is AuditAction.API_KEY_ISSUED
    assert catalogued("made_up") is None


def test_no_value_is_in_two_vocabularies() -> None:
    values = [str(m) for v in vocabularies() for m in v]
    assert len(values) == len(set(values))


def test_a_clashing_vocabulary_is_refused() -> None:
    class Clash(enum.StrEnum):
        VERIFY = "verify"

    with pytest.raises(ValueError, match="verify"):
        register_vocabulary(Clash)


def test_the_writer_refuses_a_free_string() -> None:
    class Loose(enum.StrEnum):
        NOTE = "staff_note"

    with pytest.raises(ValueError, match="not in the catalogue"):
        record_event(action=Loose.NOTE, actor=None, now=timezone.now())
    with pytest.raises(ValueError, match="not in the catalogue"):
        # A plain string is what the catalogue exists to refuse (mypy refuses it too).
        record_event(action="staff_note", actor=None, now=timezone.now())  # type: ignore[arg-type]
    assert not AuditEvent.objects.exists()


def test_the_batch_writer_checks_every_event_too(demo: Demo) -> None:
    class Loose(enum.StrEnum):
        NOTE = "staff_note"

    report = make_report(demo, Status.SUBMITTED)
    before = AuditEvent.objects.count()

    def event(action: enum.StrEnum) -> SystemEvent:
        return SystemEvent(action, report.pk, "submitted", "submitted", "", Visibility.STAFF)

    with pytest.raises(ValueError, match="not in the catalogue"):
        record_events([event(Action.REMIND), event(Loose.NOTE)], now=timezone.now())
    assert AuditEvent.objects.count() == before
    assert record_events([event(Action.REMIND)], now=timezone.now()) == 1
    assert AuditEvent.objects.filter(report=report, action="remind").count() == 1
