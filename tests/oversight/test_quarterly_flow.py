"""SOP 3 as actions: compile → Kasi (return or initial) → Kabid → Kasi checks the
resolved reports → Kabid archives; every sign-off with who, role, when and note."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.oversight.helpers import past_quarter, quarter_reports
from tuntas.audit.models import AuditEvent
from tuntas.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tuntas.demo.builder import Demo
from tuntas.outbox.models import OutboxMessage
from tuntas.oversight import actions
from tuntas.oversight.models import QuarterlyDecision, QuarterlyReport, QuarterlyState
from tuntas.oversight.periods import quarter_of

pytestmark = pytest.mark.django_db


def compiled(demo: Demo, **kwargs: object) -> QuarterlyReport:
    year, quarter, _reports = quarter_reports(demo)
    return actions.compile_quarterly_report(
        pemda=demo.orgs["kapuas"],
        year=year,
        quarter=quarter,
        actor=demo.users["kapuas.koordinator"],
        **kwargs,  # type: ignore[arg-type]  # notes / now only
    )


def inbox(demo: Demo, username: str) -> list[str]:
    return list(
        OutboxMessage.objects.filter(recipient=demo.users[username], channel="in_app").values_list(
            "event", flat=True
        )
    )


def test_the_whole_chain_with_a_return_for_correction(demo: Demo) -> None:
    u = demo.users
    report = compiled(demo, notes="Draf pertama")
    assert report.state == QuarterlyState.DRAFT
    assert report.content["totals"]["received"] == 3

    actions.submit_quarterly_report(report, actor=u["kapuas.koordinator"])
    assert "quarterly_submit" in inbox(demo, "kapuas.kasi")

    with pytest.raises(ValidationFailed) as missing_note:
        actions.return_quarterly_report(report, actor=u["kapuas.kasi"], note="  ")
    assert "note" in missing_note.value.errors
    report.refresh_from_db()
    assert report.state == QuarterlyState.SUBMITTED  # nothing changed

    actions.return_quarterly_report(
        report, actor=u["kapuas.kasi"], note="Rincian per kanal belum lengkap."
    )
    report.refresh_from_db()
    assert report.state == QuarterlyState.RETURNED
    assert "quarterly_return" in inbox(demo, "kapuas.koordinator")

    report = actions.compile_quarterly_report(
        pemda=demo.orgs["kapuas"],
        year=report.year,
        quarter=report.quarter,
        actor=u["kapuas.koordinator"],
        notes="Sudah diperbaiki",
    )
    assert report.state == QuarterlyState.DRAFT and report.compile_count == 2
    actions.submit_quarterly_report(report, actor=u["kapuas.koordinator"])
    actions.initial_quarterly_report(report, actor=u["kapuas.kasi"])
    assert "quarterly_initial" in inbox(demo, "kapuas.kabid")
    actions.initial_quarterly_report(report, actor=u["kapuas.kabid"], note="Sesuai.")
    actions.check_resolved_quarterly_report(report, actor=u["kapuas.kasi"])
    actions.archive_quarterly_report(report, actor=u["kapuas.kabid"])
    report.refresh_from_db()
    assert report.state == QuarterlyState.ARCHIVED and report.archived_at is not None

    chain = [(s.actor_name, s.decision, s.role) for s in report.signoffs.all()]
    assert chain == [
        ("Dewi Admin Utama Kapuas", QuarterlyDecision.SUBMITTED, "coordinator"),
        ("Lina Kasi Pengelolaan Aduan", QuarterlyDecision.RETURNED, "section_head"),
        ("Dewi Admin Utama Kapuas", QuarterlyDecision.SUBMITTED, "coordinator"),
        ("Lina Kasi Pengelolaan Aduan", QuarterlyDecision.INITIALLED, "section_head"),
        ("Fajar Kabid IKP", QuarterlyDecision.INITIALLED, "division_head"),
        ("Lina Kasi Pengelolaan Aduan", QuarterlyDecision.RESOLVED_CHECKED, "section_head"),
        ("Fajar Kabid IKP", QuarterlyDecision.ARCHIVED, "division_head"),
    ]
    events = list(
        AuditEvent.objects.filter(action__startswith="quarterly_").values_list(
            "action", "from_status", "to_status"
        )
    )
    assert events[0] == ("quarterly_compile", "", "draft")
    assert events[-1] == ("quarterly_archive", "resolved_checked", "archived")
    assert len(events) == 9

    # Archived: read-only.
    with pytest.raises(Conflict):
        actions.compile_quarterly_report(
            pemda=demo.orgs["kapuas"],
            year=report.year,
            quarter=report.quarter,
            actor=u["kapuas.koordinator"],
        )
    with pytest.raises(Conflict):
        actions.return_quarterly_report(report, actor=u["kapuas.kabid"], note="Terlambat")


def test_the_kabid_may_return_it_too(demo: Demo) -> None:
    u = demo.users
    report = compiled(demo)
    actions.submit_quarterly_report(report, actor=u["kapuas.koordinator"])
    actions.initial_quarterly_report(report, actor=u["kapuas.kasi"])
    actions.return_quarterly_report(report, actor=u["kapuas.kabid"], note="Tambah analisis.")
    report.refresh_from_db()
    assert report.state == QuarterlyState.RETURNED


def test_steps_out_of_turn_are_refused_and_change_nothing(demo: Demo) -> None:
    u = demo.users
    report = compiled(demo)
    with pytest.raises(Conflict) as wrong_state:
        actions.initial_quarterly_report(report, actor=u["kapuas.kasi"])
    assert wrong_state.value.status == 409 and wrong_state.value.code == "wrong_state"
    actions.submit_quarterly_report(report, actor=u["kapuas.koordinator"])
    with pytest.raises(PermissionDenied):  # the Kabid's turn comes after the Kasi's
        actions.initial_quarterly_report(report, actor=u["kapuas.kabid"])
    with pytest.raises(PermissionDenied):  # reads it (approves M&E), does not initial it
        actions.initial_quarterly_report(report, actor=u["kapuas.kadiskominfo"])
    with pytest.raises(NotFound):  # an agency outside the complaint unit
        actions.initial_quarterly_report(report, actor=u["kapuas.pupr.kadis"])
    report.refresh_from_db()
    assert report.state == QuarterlyState.SUBMITTED
    assert report.signoffs.count() == 1


def test_another_pemdas_staff_cannot_even_find_it(demo: Demo) -> None:
    report = compiled(demo)
    with pytest.raises(NotFound):
        actions.submit_quarterly_report(report, actor=demo.users["majalengka.koordinator"])
    with pytest.raises(PermissionDenied):
        actions.compile_quarterly_report(
            pemda=demo.orgs["kapuas"],
            year=report.year,
            quarter=report.quarter,
            actor=demo.users["majalengka.koordinator"],
        )


def test_only_the_coordinator_compiles(demo: Demo) -> None:
    year, quarter, _moment = past_quarter(demo)
    with pytest.raises(PermissionDenied):
        actions.compile_quarterly_report(
            pemda=demo.orgs["kapuas"], year=year, quarter=quarter, actor=demo.users["kapuas.kasi"]
        )
    assert not QuarterlyReport.objects.exists()


def test_a_quarter_not_yet_ended_cannot_be_compiled(demo: Demo) -> None:
    year, quarter = quarter_of(timezone.localdate())
    with pytest.raises(ValidationFailed) as refused:
        actions.compile_quarterly_report(
            pemda=demo.orgs["kapuas"],
            year=year,
            quarter=quarter,
            actor=demo.users["kapuas.koordinator"],
        )
    assert "quarter" in refused.value.errors
    with pytest.raises(ValidationFailed):
        actions.compile_quarterly_report(
            pemda=demo.orgs["kapuas"], year=2025, quarter=5, actor=demo.users["kapuas.koordinator"]
        )
    assert not QuarterlyReport.objects.exists()


def test_one_report_per_pemda_per_quarter(demo: Demo) -> None:
    first = compiled(demo)
    again = actions.compile_quarterly_report(
        pemda=demo.orgs["kapuas"],
        year=first.year,
        quarter=first.quarter,
        actor=demo.users["kapuas.koordinator"],
        now=timezone.now() + timedelta(minutes=1),
    )
    assert again.pk == first.pk
    assert QuarterlyReport.objects.count() == 1


def test_the_compiler_may_not_initial_their_own_report(demo: Demo) -> None:
    from tuntas.organisations.models import Membership, Role

    u = demo.users
    Membership.objects.create(
        user=u["kapuas.koordinator"],
        organisation=demo.orgs["kapuas-diskominfo-aduan"],
        role=Role.SECTION_HEAD,
    )
    u["kapuas.koordinator"].__dict__.pop("_tuntas_memberships", None)
    report = compiled(demo)
    actions.submit_quarterly_report(report, actor=u["kapuas.koordinator"])
    with pytest.raises(PermissionDenied) as refused:
        actions.initial_quarterly_report(report, actor=u["kapuas.koordinator"])
    assert refused.value.code == "four_eyes"
