"""Clocks follow the EFFECTS table, with deadlines from the responsible organisation's
standard and the Pemda's working calendar (end of the N-th working day, 23:59:59 local;
working minutes inside 08:00-16:00).

The dates run through Nyepi and Lebaran 2026: 18-24 March 2026 are days off
(cuti bersama 18, Nyepi 19, cuti bersama 20, Idul Fitri 21-22, cuti bersama 23-24),
and Good Friday 3 April.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.reports.helpers import report_input
from tuntas.demo.builder import Demo
from tuntas.reference.models import Category
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.clocks import EFFECTS
from tuntas.reports.models import Clock, Report
from tuntas.reports.transitions import Action
from tuntas.standards.models import Step, Unit

WIB = ZoneInfo("Asia/Jakarta")


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, ss, tzinfo=WIB)


def end_of(y: int, m: int, d: int) -> datetime:
    return at(y, m, d, 23, 59, 59)


def open_clock(report: Report, step: Step) -> Clock:
    return Clock.objects.get(report=report, step=step, stopped_at__isnull=True)


def last_clock(report: Report, step: Step) -> Clock:
    clock = Clock.objects.filter(report=report, step=step).order_by("-id").first()
    assert clock is not None, f"no {step} clock"
    return clock


def open_steps(report: Report) -> set[str]:
    return set(
        Clock.objects.filter(report=report, stopped_at__isnull=True).values_list("step", flat=True)
    )


def submit(demo: Demo, pemda: str, now: datetime, **overrides: object) -> Report:
    if pemda != "kapuas":
        overrides.setdefault("category", None)
    data = report_input(demo, pemda, **overrides)
    return actions.submit_report(data, actor=Actor.reporter(demo.users["warga"]), now=now).report


def test_every_action_has_effects() -> None:
    assert set(EFFECTS) == set(Action)


# --- verification ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pemda", "due"),
    [
        ("kapuas", end_of(2026, 3, 25)),  # 3 WD: Mon 16, Tue 17, (18-24 off), Wed 25
        ("majalengka", end_of(2026, 3, 17)),  # 2 WD: Mon 16, Tue 17
        ("bangkalan", end_of(2026, 3, 25)),  # 3 WD, like Kapuas
    ],
)
def test_submission_starts_the_verification_clock_of_the_pemdas_standard(
    demo: Demo, pemda: str, due: datetime
) -> None:
    report = submit(demo, pemda, at(2026, 3, 13, 10))  # Friday
    clock = open_clock(report, Step.VERIFICATION)
    assert clock.organisation_id == demo.orgs[pemda].pk
    assert clock.unit == Unit.WORKING_DAYS
    assert clock.started_at == at(2026, 3, 13, 10)
    assert clock.due_at == due
    assert open_steps(report) == {Step.VERIFICATION}


def test_hold_pauses_verification_and_completion_resumes_it_with_the_days_left(
    demo: Demo,
) -> None:
    u = demo.users
    report = submit(demo, "kapuas", at(2026, 3, 13, 10))
    actions.hold_report(
        report,
        actor=Actor(user=u["kapuas.koordinator"]),
        missing="Foto lokasi",
        now=at(2026, 3, 16, 9),
    )

    paused = open_clock(report, Step.VERIFICATION)
    assert paused.paused_at == at(2026, 3, 16, 9)
    assert paused.due_at is None
    assert paused.remaining == 2  # Tue 17 and Wed 25 were still to come
    completion = open_clock(report, Step.COMPLETION)  # Kapuas has none: national 10 WD
    assert completion.amount == 10
    # 17, 25, 26, 27, 30, 31 Mar, 1, 2 Apr, (3 Apr Good Friday), 6, 7 Apr
    assert completion.due_at == end_of(2026, 4, 7)

    actions.complete_report(
        report, actor=Actor(user=u["warga"]), details="Foto terlampir", now=at(2026, 4, 1, 11)
    )

    resumed = open_clock(report, Step.VERIFICATION)
    assert resumed.pk == paused.pk
    assert resumed.paused_at is None
    assert resumed.due_at == end_of(2026, 4, 6)  # Thu 2 Apr, (Fri 3 off), Mon 6 Apr
    completed = last_clock(report, Step.COMPLETION)
    assert completed.stopped_at == at(2026, 4, 1, 11)
    assert completed.met is True

    actions.verify_report(report, actor=Actor(user=u["kapuas.koordinator"]), now=at(2026, 4, 6, 15))
    verification = last_clock(report, Step.VERIFICATION)
    assert verification.stopped_at == at(2026, 4, 6, 15)
    assert verification.met is True
    assert open_clock(report, Step.DISPOSITION).due_at == end_of(2026, 4, 13)  # Kapuas 5 WD


def test_verification_after_the_deadline_is_recorded_as_missed(demo: Demo) -> None:
    report = submit(demo, "majalengka", at(2026, 3, 13, 10))  # due end of Tue 17 March
    actions.verify_report(
        report, actor=Actor(user=demo.users["majalengka.koordinator"]), now=at(2026, 3, 18, 0, 0, 1)
    )
    clock = last_clock(report, Step.VERIFICATION)
    assert clock.met is False


def test_verification_on_the_last_second_is_in_time(demo: Demo) -> None:
    report = submit(demo, "majalengka", at(2026, 3, 13, 10))
    actions.verify_report(
        report, actor=Actor(user=demo.users["majalengka.koordinator"]), now=end_of(2026, 3, 17)
    )
    assert last_clock(report, Step.VERIFICATION).met is True


def test_not_in_authority_stops_every_clock(demo: Demo) -> None:
    report = submit(demo, "kapuas", at(2026, 3, 13, 10))
    actions.mark_not_in_authority(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        reason="Wewenang pusat",
        now=at(2026, 3, 16),
    )
    assert open_steps(report) == set()
    actions.route_to_pemda(
        report,
        actor=Actor(user=demo.users["nasional"]),
        pemda=demo.orgs["majalengka"],
        now=at(2026, 3, 16, 9),
    )
    restarted = open_clock(report, Step.VERIFICATION)
    assert restarted.organisation_id == demo.orgs["majalengka"].pk
    assert restarted.amount == 2  # Majalengka's standard now
    assert restarted.due_at == end_of(2026, 3, 25)  # Tue 17, (18-24 off), Wed 25


# --- disposition -------------------------------------------------------------------------


def _verified(demo: Demo, pemda: str, now: datetime, **overrides: object) -> Report:
    report = submit(demo, pemda, now, **overrides)
    actions.verify_report(report, actor=Actor(user=demo.users[f"{pemda}.koordinator"]), now=now)
    return report


def test_disposition_starts_the_agency_clocks_of_the_lead_agencys_standard(demo: Demo) -> None:
    report = _verified(demo, "kapuas", at(2026, 4, 6, 10))
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        agencies=[demo.orgs["kapuas-pupr"]],
        lead=demo.orgs["kapuas-pupr"],
        now=at(2026, 4, 7, 9),  # Tuesday
    )
    assert last_clock(report, Step.DISPOSITION).met is True
    assert open_steps(report) == {
        Step.AGENCY_ACCEPTANCE,
        Step.FOLLOWUP,
        Step.INTERVENTION_PEMDA,
        Step.INTERVENTION_NATIONAL,
        Step.OMBUDSMAN,
    }
    pupr = demo.orgs["kapuas-pupr"].pk
    expected = {
        Step.AGENCY_ACCEPTANCE: (3, end_of(2026, 4, 10)),
        Step.FOLLOWUP: (10, end_of(2026, 4, 21)),
        Step.INTERVENTION_PEMDA: (5, end_of(2026, 4, 14)),
        Step.INTERVENTION_NATIONAL: (15, end_of(2026, 4, 28)),
        # April 8-30 (17), May minus 1, 14, 15, 27, 28 (33), June minus 1, 16 (53), July 1-9
        Step.OMBUDSMAN: (60, end_of(2026, 7, 9)),
    }
    for step, (amount, due) in expected.items():
        clock = open_clock(report, step)
        assert clock.organisation_id == pupr, step
        assert (clock.amount, clock.unit, clock.due_at) == (amount, Unit.WORKING_DAYS, due), step


def _disposed_to_disporbudpar(demo: Demo, now: datetime) -> Report:
    report = _verified(
        demo,
        "majalengka",
        at(2026, 4, 6, 9),
        category=Category.objects.get(name="Objek wisata"),
    )
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["majalengka.koordinator"]),
        agencies=[demo.orgs["majalengka-disporbudpar"]],
        lead=demo.orgs["majalengka-disporbudpar"],
        now=now,
    )
    return report


def test_seed_001_agency_must_accept_within_20_working_minutes(demo: Demo) -> None:
    report = _disposed_to_disporbudpar(demo, at(2026, 4, 7, 10, 5))
    clock = open_clock(report, Step.AGENCY_ACCEPTANCE)
    assert (clock.amount, clock.unit) == (20, Unit.WORKING_MINUTES)
    assert clock.due_at == at(2026, 4, 7, 10, 25)
    # Steps seed 001 leaves out come from Majalengka's standard, then the national one.
    assert open_clock(report, Step.FOLLOWUP).amount == 30  # Majalengka (seed 002)
    assert open_clock(report, Step.OMBUDSMAN).amount == 60  # seed 001
    # Seed 001 sets no intervention, so none runs (escalations are never inherited).
    assert not Clock.objects.filter(report=report, step=Step.INTERVENTION_PEMDA).exists()


def test_working_minutes_carry_over_to_the_next_working_morning(demo: Demo) -> None:
    # Thursday 2 April 15:50: 10 minutes left today, Good Friday and the weekend off,
    # the other 10 minutes on Monday 6 April from 08:00.
    report = _disposed_to_disporbudpar(demo, at(2026, 4, 2, 15, 50))
    assert open_clock(report, Step.AGENCY_ACCEPTANCE).due_at == at(2026, 4, 6, 8, 10)


def test_disposition_after_working_hours_counts_from_the_next_morning(demo: Demo) -> None:
    report = _disposed_to_disporbudpar(demo, at(2026, 4, 7, 19, 30))
    assert open_clock(report, Step.AGENCY_ACCEPTANCE).due_at == at(2026, 4, 8, 8, 20)


@pytest.mark.parametrize(
    ("accepted_at", "met"),
    [(at(2026, 4, 7, 10, 25), True), (at(2026, 4, 7, 10, 26), False)],
)
def test_acceptance_in_time_or_late_is_recorded(
    demo: Demo, accepted_at: datetime, met: bool
) -> None:
    report = _disposed_to_disporbudpar(demo, at(2026, 4, 7, 10, 5))
    actions.accept_disposition(
        report, actor=Actor(user=demo.users["majalengka.disporbudpar.admin"]), now=accepted_at
    )
    clock = last_clock(report, Step.AGENCY_ACCEPTANCE)
    assert (clock.stopped_at, clock.met) == (accepted_at, met)
    internal = open_clock(report, Step.INTERNAL_DISPOSITION)  # seed 001: 60 minutes
    assert (internal.amount, internal.unit) == (60, Unit.WORKING_MINUTES)


def test_bangkalan_disposes_in_5_working_minutes_across_the_weekend(demo: Demo) -> None:
    report = _verified(demo, "bangkalan", at(2026, 3, 13, 15, 58))  # Friday 15:58
    clock = open_clock(report, Step.DISPOSITION)
    assert (clock.amount, clock.unit) == (5, Unit.WORKING_MINUTES)
    assert clock.due_at == at(2026, 3, 16, 8, 3)  # Monday 08:03


# --- inside the agency, publication, reply --------------------------------------------


def _accepted_kapuas(demo: Demo, now: datetime) -> Report:
    u = demo.users
    report = _verified(demo, "kapuas", now)
    actions.dispose_report(
        report,
        actor=Actor(user=u["kapuas.koordinator"]),
        agencies=[demo.orgs["kapuas-pupr"]],
        lead=demo.orgs["kapuas-pupr"],
        now=now,
    )
    actions.accept_disposition(report, actor=Actor(user=u["kapuas.pupr.penghubung"]), now=now)
    actions.dispose_internally(
        report,
        actor=Actor(user=u["kapuas.pupr.kadis"]),
        division=demo.orgs["kapuas-pupr-binamarga"],
        now=now,
    )
    return report


def test_clarification_pauses_the_agency_clocks_and_the_answer_resumes_them(
    demo: Demo,
) -> None:
    u = demo.users
    report = _accepted_kapuas(demo, at(2026, 4, 7, 9))
    assert open_clock(report, Step.FOLLOWUP).due_at == end_of(2026, 4, 21)
    actions.request_clarification(
        report,
        actor=Actor(user=u["kapuas.pupr.staf"]),
        question="Nomor rumah?",
        now=at(2026, 4, 9, 10),
    )
    followup = open_clock(report, Step.FOLLOWUP)
    assert followup.paused_at == at(2026, 4, 9, 10)
    assert followup.remaining == 8  # 10, 13, 14, 15, 16, 17, 20, 21 April
    assert open_clock(report, Step.DRAFTING).is_paused
    assert open_clock(report, Step.CLARIFICATION).due_at == end_of(2026, 4, 16)  # Kapuas 5 WD

    actions.clarify(report, actor=Actor(user=u["warga"]), answer="Nomor 12", now=at(2026, 4, 14, 8))
    followup = open_clock(report, Step.FOLLOWUP)
    assert followup.paused_at is None
    assert followup.due_at == end_of(2026, 4, 24)  # 8 WD from Tue 14 April
    assert last_clock(report, Step.CLARIFICATION).met is True


def test_publication_stops_the_agency_clocks_and_starts_the_reporters(demo: Demo) -> None:
    u = demo.users
    report = _accepted_kapuas(demo, at(2026, 4, 7, 9))
    actions.submit_draft(
        report,
        actor=Actor(user=u["kapuas.pupr.staf"]),
        body="Jalan telah ditambal oleh tim Bina Marga.",
        now=at(2026, 4, 8, 9),
    )
    actions.approve_draft(report, actor=Actor(user=u["kapuas.pupr.kadis"]), now=at(2026, 4, 8, 10))
    actions.publish_followup(
        report, actor=Actor(user=u["kapuas.pupr.admin"]), now=at(2026, 4, 9, 11)
    )

    for step in (
        Step.FOLLOWUP,
        Step.INTERVENTION_PEMDA,
        Step.INTERVENTION_NATIONAL,
        Step.PUBLICATION,
        Step.APPROVAL,
        Step.DRAFTING,
    ):
        clock = last_clock(report, step)
        assert clock.stopped_at is not None, step
        assert clock.met is True, step
    # The Ombudsman rule waits for the reporter: paused, with its time left.
    ombudsman = open_clock(report, Step.OMBUDSMAN)
    assert ombudsman.paused_at == at(2026, 4, 9, 11) and ombudsman.remaining
    assert open_steps(report) == {Step.REPORTER_REPLY, Step.AUTO_CLOSE, Step.OMBUDSMAN}
    # 10 WD from Thursday 9 April: 10, 13-17, 20-23 April
    assert open_clock(report, Step.REPORTER_REPLY).due_at == end_of(2026, 4, 23)
    assert open_clock(report, Step.AUTO_CLOSE).due_at == end_of(2026, 4, 23)

    actions.reply_not_satisfied(
        report, actor=Actor(user=u["warga"]), comment="Belum", now=at(2026, 4, 10, 9)
    )
    assert last_clock(report, Step.REPORTER_REPLY).met is True
    # Drafting again, and the Ombudsman rule runs on (seed 001 step 7).
    assert open_steps(report) == {Step.DRAFTING, Step.OMBUDSMAN}
    assert open_clock(report, Step.OMBUDSMAN).paused_at is None
    assert open_clock(report, Step.DRAFTING).due_at == end_of(2026, 4, 24)  # Kapuas 10 WD


def test_late_follow_up_is_recorded_as_missed(demo: Demo) -> None:
    u = demo.users
    report = _accepted_kapuas(demo, at(2026, 4, 7, 9))
    late = at(2026, 4, 22, 9)  # follow-up was due end of 21 April
    actions.submit_draft(
        report,
        actor=Actor(user=u["kapuas.pupr.staf"]),
        body="Jalan telah ditambal oleh tim.",
        now=late,
    )
    actions.approve_draft(report, actor=Actor(user=u["kapuas.pupr.kadis"]), now=late)
    actions.publish_followup(report, actor=Actor(user=u["kapuas.pupr.admin"]), now=late)
    assert last_clock(report, Step.FOLLOWUP).met is False
    assert last_clock(report, Step.INTERVENTION_PEMDA).met is False  # due 14 April
    ombudsman = last_clock(report, Step.OMBUDSMAN)  # due 9 July: paused with time left
    assert ombudsman.paused_at == late and ombudsman.remaining


def test_closing_stops_everything(demo: Demo) -> None:
    u = demo.users
    report = _accepted_kapuas(demo, at(2026, 4, 7, 9))
    actions.forward_to_ombudsman(
        report, actor=Actor(user=u["kapuas.koordinator"]), now=at(2026, 4, 8)
    )
    assert open_steps(report) == set()


def test_an_agency_that_does_not_pause_on_clarification_keeps_its_clocks_running(
    demo: Demo,
) -> None:
    from tuntas.standards.models import ServiceStandard

    ServiceStandard.objects.filter(preset_key="seed-003-kapuas").update(
        pause_on_clarification=False
    )
    u = demo.users
    report = _accepted_kapuas(demo, at(2026, 4, 7, 9))
    actions.request_clarification(
        report,
        actor=Actor(user=u["kapuas.pupr.staf"]),
        question="Nomor rumah?",
        now=at(2026, 4, 9, 10),
    )
    followup = open_clock(report, Step.FOLLOWUP)
    assert followup.paused_at is None
    assert followup.due_at == end_of(2026, 4, 21)
    assert open_clock(report, Step.CLARIFICATION).due_at == end_of(2026, 4, 16)


def test_a_clock_paused_after_its_deadline_counts_as_missed(demo: Demo) -> None:
    u = demo.users
    report = submit(demo, "majalengka", at(2026, 3, 13, 10))  # due end of 17 March
    actions.hold_report(
        report,
        actor=Actor(user=u["majalengka.koordinator"]),
        missing="Foto",
        now=at(2026, 3, 26, 9),
    )
    paused = open_clock(report, Step.VERIFICATION)
    assert paused.remaining == 0
    actions.archive_report(
        report,
        actor=Actor(user=u["majalengka.koordinator"]),
        reason_code="incomplete",
        now=at(2026, 4, 20),
    )
    stopped = last_clock(report, Step.VERIFICATION)
    assert stopped.met is False
    assert open_steps(report) == set()
