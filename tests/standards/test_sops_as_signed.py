"""The seed SOPs as signed (issue 12): from which moment each clock runs, who hears of an
answer, which escalations a preset runs, and who owes the 5 minutes of seed 004.

Reports start on Thursday 12 March 2026, 10:00 WIB, so deadlines cross a weekend, Nyepi
(19 March), Idul Fitri (20-21 March) with its cuti bersama (18, 23 and 24 March).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tests.reports.sweep.seeds import SEEDS, Seed, accepted, disposed, reload, submitted
from tuntas.accounts.models import User
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo
from tuntas.organisations.models import Membership, Organisation, Role
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Clock, Report, Status
from tuntas.reports.sweep import sweep
from tuntas.standards.models import Step

WIB = ZoneInfo("Asia/Jakarta")
THURSDAY = datetime(2026, 3, 12, 10, 0, tzinfo=WIB)
SECOND = timedelta(seconds=1)


def seed(name: str) -> Seed:
    return next(s for s in SEEDS if s.name == name)


def open_clock(report: Report, step: Step) -> Clock | None:
    return Clock.objects.filter(report=report, step=step, stopped_at__isnull=True).first()


def events(report: Report, action: str) -> int:
    return AuditEvent.objects.filter(report=report, action=action).count()


# --- seed 002 step 3: the Admin Kabupaten's 2 days run from receipt ------------------------


def test_majalengka_disposes_within_two_days_of_receipt_not_of_verification(demo: Demo) -> None:
    majalengka = seed("002")
    report = submitted(demo, majalengka, THURSDAY)
    coordinator = Actor(user=demo.users[majalengka.coordinator])
    # Verified late on the last day: the disposition's 2 days were already running.
    verified_at = datetime(2026, 3, 16, 16, 0, tzinfo=WIB)
    actions.verify_report(report, actor=coordinator, now=verified_at)
    disposition = open_clock(report, Step.DISPOSITION)
    assert disposition is not None and disposition.due_at is not None
    # Thursday 12 + 2 working days = Monday 16 March, end of day (weekend skipped).
    due = disposition.due_at.astimezone(WIB)
    assert (due.date(), due.hour, due.minute) == (date(2026, 3, 16), 23, 59)

    sweep(disposition.due_at - SECOND)
    assert events(report, "mark_overdue") == 0
    sweep(disposition.due_at)
    assert events(report, "mark_overdue") == 1


def test_a_kapuas_disposition_still_counts_from_verification(demo: Demo) -> None:
    kapuas = seed("003")
    report = submitted(demo, kapuas, THURSDAY)
    verified_at = datetime(2026, 3, 16, 16, 0, tzinfo=WIB)
    actions.verify_report(report, actor=Actor(user=demo.users[kapuas.coordinator]), now=verified_at)
    disposition = open_clock(report, Step.DISPOSITION)
    assert disposition is not None and disposition.due_at is not None
    # Monday 16 + 5 working days: 17, 25, 26, 27, 30 (18-24 are Nyepi, Idul Fitri, its
    # cuti bersama and a weekend).
    assert disposition.due_at.astimezone(WIB).date() == date(2026, 3, 30)


# --- seed 002 step 6: the answer reaches the Admin Kabupaten and the Admin Pusat -----------


def _answered(demo: Demo, name: str) -> Report:
    """A report of seed ``name`` whose agency answers, each step by the SOP's people."""
    s = seed(name)
    report = accepted(demo, s, THURSDAY)
    u = demo.users
    if s.handles_internally:
        assert s.head and s.staff and s.division and s.liaison_admin
        actions.dispose_internally(
            report, actor=Actor(user=u[s.head]), division=demo.orgs[s.division], now=THURSDAY
        )
        author, approver, publisher = s.staff, s.head, s.liaison_admin
    else:
        # Majalengka's demo agency has only its liaison officer: an admin drafts and
        # publishes, the liaison officer approves (four eyes).
        admin = User.objects.create(username=f"{s.lead}.admin", full_name="Admin Penghubung")
        Membership.objects.create(
            user=admin, role=Role.LIAISON_ADMIN, organisation=demo.orgs[s.lead]
        )
        u = {**u, admin.username: admin}
        author, approver, publisher = admin.username, s.liaison, admin.username
    actions.submit_draft(
        report, actor=Actor(user=u[author]), body="Jalan sudah ditambal.", now=THURSDAY
    )
    actions.approve_draft(report, actor=Actor(user=u[approver]), now=THURSDAY)
    OutboxMessage.objects.all().delete()
    actions.publish_followup(report, actor=Actor(user=u[publisher]), now=THURSDAY)
    return report


def _told(report: Report, username: str) -> bool:
    return OutboxMessage.objects.filter(
        report_id=report.pk,
        event="publish_followup",
        recipient__username=username,
        channel=DeliveryChannel.IN_APP,
    ).exists()


def test_majalengka_answers_reach_the_national_admin_too(demo: Demo) -> None:
    report = _answered(demo, "002")
    assert _told(report, "majalengka.koordinator")
    assert _told(report, "nasional")


def test_kapuas_answers_reach_its_coordinator_only(demo: Demo) -> None:
    report = _answered(demo, "003")
    assert _told(report, "kapuas.koordinator")
    assert not _told(report, "nasional")


# --- seed 002 step 5: no escalation the SOP does not have ----------------------------------


def test_only_the_sops_that_set_interventions_run_them(demo: Demo) -> None:
    for s in SEEDS:
        report = disposed(demo, s, THURSDAY)
        steps = set(
            Clock.objects.filter(report=report, stopped_at__isnull=True).values_list(
                "step", flat=True
            )
        )
        interventions = {Step.INTERVENTION_PEMDA, Step.INTERVENTION_NATIONAL} & steps
        if s.name == "003":  # Kapuas: > 5 days admin instansi, 15-30 days admin pusat
            assert interventions == {Step.INTERVENTION_PEMDA, Step.INTERVENTION_NATIONAL}
        else:
            assert not interventions, s.name
    # Majalengka's agency has its 30 days, and nobody intervenes inside them.
    majalengka = disposed(demo, seed("002"), THURSDAY)
    followup = open_clock(majalengka, Step.FOLLOWUP)
    assert followup is not None and followup.amount == 30
    sweep(THURSDAY + timedelta(days=40))
    assert events(majalengka, "intervene_pemda") == events(majalengka, "intervene_national") == 0


# --- seed 004 step 4: the 5 minutes are the informer's, through the WhatsApp group ---------


def test_bangkalan_agencies_are_not_overdue_five_minutes_after_a_disposition(
    demo: Demo,
) -> None:
    report = disposed(demo, seed("004"), THURSDAY)
    acceptance = open_clock(report, Step.AGENCY_ACCEPTANCE)
    assert acceptance is not None and acceptance.unit == "working_days"
    sweep(THURSDAY + timedelta(minutes=6))
    assert events(report, "mark_overdue") == 0


def _group_messages(report: Report) -> list[str]:
    return list(
        OutboxMessage.objects.filter(
            report_id=report.pk, event="dispose", channel=DeliveryChannel.WHATSAPP_GROUP
        ).values_list("address", flat=True)
    )


def test_the_pemdas_whatsapp_group_serves_every_agency_and_an_agencys_own_overrides(
    demo: Demo, settings: Any
) -> None:
    # A deployment with the WhatsApp Cloud API configured queues group messages.
    settings.TUNTAS_WHATSAPP_PHONE_NUMBER_ID = "1234567890"
    settings.TUNTAS_WHATSAPP_TOKEN = "token"
    report = disposed(demo, seed("004"), THURSDAY)
    assert _group_messages(report) == ["Grup Penghubung SP4N-LAPOR! Bangkalan"]

    Organisation.objects.filter(code="bangkalan-dishub").update(whatsapp_group="Grup Dishub")
    second = disposed(demo, seed("004"), THURSDAY)
    assert _group_messages(second) == ["Grup Dishub"]


# --- seed 001 step 7: the 60-day rule holds after a "not satisfied" -------------------------


def test_a_rejected_answer_never_redone_still_reaches_the_ombudsman(demo: Demo) -> None:
    report = _answered(demo, "003")
    ombudsman = open_clock(report, Step.OMBUDSMAN)
    assert ombudsman is not None and ombudsman.paused_at is not None  # waiting for the reporter
    not_satisfied = THURSDAY + timedelta(days=2)
    actions.reply_not_satisfied(
        report,
        actor=Actor.reporter(demo.users["warga"]),
        comment="Masih berlubang.",
        now=not_satisfied,
    )
    ombudsman = open_clock(report, Step.OMBUDSMAN)
    assert ombudsman is not None and ombudsman.due_at is not None
    assert reload(report).status == Status.IN_DIVISION

    sweep(ombudsman.due_at - SECOND)
    assert reload(report).status == Status.IN_DIVISION
    sweep(ombudsman.due_at)
    assert reload(report).status == Status.OMBUDSMAN


def test_a_satisfied_reporter_ends_the_ombudsman_rule(demo: Demo) -> None:
    report = _answered(demo, "003")
    actions.reply_satisfied(
        report, actor=Actor.reporter(demo.users["warga"]), rating=5, now=THURSDAY
    )
    assert open_clock(report, Step.OMBUDSMAN) is None
    assert reload(report).status == Status.CLOSED


def test_the_demo_queues_and_writes_bangkalans_group_message_out_of_the_box(
    demo: Demo, settings: Any, tmp_path: Any
) -> None:
    """./scripts/run sets TUNTAS_WHATSAPP_OUTBOX_DIR (no Cloud API account needed): the
    disposition's group message is queued and written where the demo keeps WhatsApp."""
    import json

    from tuntas.outbox.channels import transport_for

    settings.TUNTAS_WHATSAPP_TOKEN = ""
    settings.TUNTAS_WHATSAPP_OUTBOX_DIR = str(tmp_path / "whatsapp")
    report = disposed(demo, seed("004"), THURSDAY)
    assert _group_messages(report) == ["Grup Penghubung SP4N-LAPOR! Bangkalan"]
    row = OutboxMessage.objects.get(
        report_id=report.pk, event="dispose", channel=DeliveryChannel.WHATSAPP_GROUP
    )
    transport_for(row.channel).send(row)
    transport_for(row.channel).send(row)  # a retry overwrites, never doubles
    [written] = list((tmp_path / "whatsapp").iterdir())
    body = json.loads(written.read_text(encoding="utf-8"))
    assert body["recipient_type"] == "group"
    assert body["to"] == "Grup Penghubung SP4N-LAPOR! Bangkalan"
    assert report.tracking_id in body["text"]["body"]
