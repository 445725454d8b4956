"""The transition table, cell by cell: every action from every status.

An allowed cell, performed by an authorised persona with valid input, lands in the
table's target status and is audited once. A forbidden cell raises
``TransitionNotAllowed`` (409) and changes nothing at all.
"""

from __future__ import annotations

import pytest

from tests.reports.cells import (
    ANONYMOUS,
    CODE,
    INTAKE_ACTIONS,
    PERFORM,
    PERSONAS,
    PREFERRED,
    REPORT_ACTIONS,
    SYSTEM_ACTOR,
    World,
    actor_for,
    allowed_cells,
    cell_id,
    forbidden_cells,
    peer_actor,
    perform,
    snapshot,
)
from tests.reports.helpers import report_input
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import AuditEvent
from tuntas.core.errors import Conflict, PermissionDenied
from tuntas.reference.models import Channel
from tuntas.reports import actions
from tuntas.reports.access import available_actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status
from tuntas.reports.transitions import (
    ACTION_LABELS,
    SAME,
    TABLE,
    Action,
    TransitionNotAllowed,
    actions_from,
    transition_for,
)

ALLOWED = allowed_cells()
FORBIDDEN = forbidden_cells()


def test_every_action_has_a_row_a_label_and_a_test_performer() -> None:
    assert set(TABLE) == set(Action)
    assert set(ACTION_LABELS) == set(Action)
    assert set(PERFORM) | INTAKE_ACTIONS == set(Action)
    assert len(ALLOWED) + len(FORBIDDEN) == len(REPORT_ACTIONS) * len(Status)


def test_intake_rows_start_from_nothing_and_all_others_from_a_report() -> None:
    for action, row in TABLE.items():
        if action in INTAKE_ACTIONS:
            assert row.sources == frozenset({None}), action
        else:
            assert None not in row.sources, action
            assert row.sources, action


def test_every_status_but_the_terminal_ones_has_a_way_out() -> None:
    def leaves(status: Status) -> bool:
        return any(TABLE[a].target_for(status) != status for a in actions_from(status))

    dead_ends = {status for status in Status if not leaves(status)}
    assert dead_ends == {Status.FORWARDED, Status.ARCHIVED, Status.OMBUDSMAN}


@pytest.mark.parametrize(("action", "status"), ALLOWED, ids=[cell_id(c) for c in ALLOWED])
def test_allowed_cell_lands_in_the_target_status(
    world: World, action: Action, status: Status
) -> None:
    report = world.report(status)
    row = TABLE[action]
    expected = status if row.target == SAME else Status(row.target)
    events_before = set(AuditEvent.objects.filter(report=report).values_list("id", flat=True))

    perform(action, world, report, PREFERRED[action])

    report.refresh_from_db()
    assert report.status == expected
    new_events = AuditEvent.objects.filter(report=report).exclude(id__in=events_before)
    # One event of the action; besides it only the events a change of a privacy flag
    # writes (one per flag, which the reporter reads).
    assert [
        (e.action, e.from_status, e.to_status)
        for e in new_events
        if e.action in Action.__members__.values()
    ] == [(str(action), str(status), str(expected))]
    assert {e.action for e in new_events if e.action not in Action.__members__.values()} <= {
        str(AuditAction.PRIVACY_FLAG_CHANGED)
    }


@pytest.mark.parametrize(("action", "status"), FORBIDDEN, ids=[cell_id(c) for c in FORBIDDEN])
def test_forbidden_cell_is_refused_and_changes_nothing(
    world: World, action: Action, status: Status
) -> None:
    report = world.report(status)
    before = snapshot(report)

    with pytest.raises(TransitionNotAllowed) as refused:
        perform(action, world, report, PREFERRED[action])

    assert isinstance(refused.value, Conflict)
    assert refused.value.status == 409
    assert refused.value.code == "transition_not_allowed"
    assert refused.value.message
    assert snapshot(report) == before


INTAKE_CELLS = [
    (Action.SUBMIT, "warga"),
    (Action.SUBMIT, None),
    (Action.INTAKE, "kapuas.koordinator"),
    (Action.INTAKE_FOR_AGENCY, "kapuas.pupr.admin"),
    (Action.INTAKE_SOLVED, "kapuas.koordinator"),
    (Action.INTAKE_SOLVED, "kapuas.pupr.admin"),
]


@pytest.mark.parametrize(
    ("action", "persona"),
    INTAKE_CELLS,
    ids=[f"{a.value}@not_created-by-{p or 'anonymous'}" for a, p in INTAKE_CELLS],
)
def test_intake_from_nothing_lands_in_the_target_status(
    world: World, action: Action, persona: str | None
) -> None:
    users = world.demo.users
    reports_before = Report.objects.count()
    if action == Action.SUBMIT:
        data = report_input(world.demo)
        if persona is None:
            data.reporter_phone = "081234567890"
        submitted = actions.submit_report(
            data, actor=Actor.reporter(users[persona] if persona else None)
        )
    else:
        submitted = actions.intake_report(
            report_input(world.demo, channel=Channel.objects.get(code="whatsapp")),
            actor=Actor(user=users[str(persona)]),
            solved_answer="Sudah diperbaiki kemarin." if action == Action.INTAKE_SOLVED else "",
        )
    report = Report.objects.get(pk=submitted.report.pk)
    assert report.status == TABLE[action].target
    assert Report.objects.count() == reports_before + 1
    assert list(AuditEvent.objects.filter(report=report).values_list("action", "to_status")) == [
        (str(action), str(TABLE[action].target))
    ]
    assert submitted.access_code


def _forwarded_input(world: World) -> actions.ReportInput:
    return report_input(world.demo, channel=Channel.objects.get(code="federasi"))


def test_a_report_a_peer_forwards_arrives_awaiting_verification(world: World) -> None:
    reports_before = Report.objects.count()
    report = actions.receive_report(
        _forwarded_input(world),
        actor=peer_actor(),
        reason="Diteruskan dari Tuntas Kab. Majalengka (nomor LPR-2611-AAAAAA).",
        origin={"from": "Tuntas Kab. Majalengka", "tracking_id": "LPR-2611-AAAAAA"},
    )
    report = Report.objects.get(pk=report.pk)
    assert report.status == TABLE[Action.RECEIVE_FORWARDED].target == Status.SUBMITTED
    assert Report.objects.count() == reports_before + 1
    assert report.access_code_hash == "" and report.reporter is None
    [event] = AuditEvent.objects.filter(report=report)
    assert (event.action, event.to_status, event.data["capacity"]) == (
        "receive_forwarded",
        "submitted",
        "peer",
    )
    assert event.data["federation"]["tracking_id"] == "LPR-2611-AAAAAA"


@pytest.mark.parametrize("persona", [*PERSONAS, CODE, SYSTEM_ACTOR, ANONYMOUS])
def test_only_a_peer_may_hand_a_report_in(world: World, persona: str) -> None:
    reports_before = Report.objects.count()
    with pytest.raises(PermissionDenied):
        actions.receive_report(
            _forwarded_input(world),
            actor=actor_for(world, persona),
            reason="Diteruskan.",
            origin={},
        )
    assert Report.objects.count() == reports_before


INTAKE_ON_EXISTING = [(a, s) for a in sorted(INTAKE_ACTIONS) for s in Status]


@pytest.mark.parametrize(
    ("action", "status"), INTAKE_ON_EXISTING, ids=[cell_id(c) for c in INTAKE_ON_EXISTING]
)
def test_intake_actions_never_apply_to_an_existing_report(action: Action, status: Status) -> None:
    with pytest.raises(TransitionNotAllowed):
        transition_for(action, status)


@pytest.mark.parametrize("action", REPORT_ACTIONS, ids=[a.value for a in REPORT_ACTIONS])
def test_report_actions_need_an_existing_report(action: Action) -> None:
    with pytest.raises(TransitionNotAllowed) as refused:
        transition_for(action, None)
    assert refused.value.extra == {"action": str(action), "status": None}


def test_an_unsatisfied_reply_to_a_solved_intake_can_be_handed_to_an_agency(
    world: World,
) -> None:
    users, orgs = world.demo.users, world.demo.orgs
    submitted = actions.intake_report(
        report_input(world.demo, channel=Channel.objects.get(code="phone")),
        actor=Actor(user=users["kapuas.koordinator"]),
        solved_answer="Lampu jalan sudah diganti kemarin sore.",
    )
    report = submitted.report
    actions.reply_not_satisfied(
        report, actor=actions.Actor(is_reporter_by_code=True), comment="Masih mati."
    )
    report.refresh_from_db()
    assert report.status == Status.IN_DIVISION
    assert Action.TRANSFER in available_actions(users["kapuas.koordinator"], report)

    actions.transfer_report(
        report,
        actor=Actor(user=users["kapuas.koordinator"]),
        to_agency=orgs["kapuas-pupr"],
        reason="Perlu ditangani Dinas PUPR",
    )
    report.refresh_from_db()
    assert report.status == Status.DISPOSED
    assert Action.ACCEPT in available_actions(users["kapuas.pupr.penghubung"], report)


def test_a_returned_disposition_goes_back_to_the_coordinator_and_flags_ping_pong(
    world: World,
) -> None:
    users, orgs = world.demo.users, world.demo.orgs
    report = world.report(Status.DISPOSED)
    actions.return_disposition(
        report, actor=Actor(user=users["kapuas.pupr.penghubung"]), reason="Salah"
    )
    actions.dispose_report(
        report,
        actor=Actor(user=users["kapuas.koordinator"]),
        agencies=[orgs["kapuas-pupr"]],
        lead=orgs["kapuas-pupr"],
    )
    actions.return_disposition(
        report, actor=Actor(user=users["kapuas.pupr.admin"]), reason="Tetap salah"
    )
    report.refresh_from_db()
    assert report.status == Status.VERIFIED
    assert report.return_count == 2
    assert report.lead_agency is None
    last = AuditEvent.objects.filter(report=report).order_by("-id").first()
    assert last is not None and last.data["ping_pong"] is True


def test_reopening_gives_the_report_back_to_the_agency_that_closed_it(world: World) -> None:
    users = world.demo.users
    report = world.report(Status.CLOSED)
    actions.reopen_report(
        report, actor=Actor(user=users["kapuas.koordinator"]), reason="Rusak lagi"
    )
    report.refresh_from_db()
    assert report.status == Status.ACCEPTED
    assert report.reopen_count == 1
    assert report.closed_at is None
    assert Action.SUBMIT_DRAFT in available_actions(users["kapuas.pupr.admin"], report)
