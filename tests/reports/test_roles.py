"""Who may act: for every allowed cell, everyone without the capacity is refused.

The expected personas come from ``tests.reports.cells.authorised`` (written out by
hand from the SOP roles). A refusal is a 403 (PermissionDenied) or 404 (NotFound),
and nothing changes.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.reports.cells import (
    ACTOR_ACTIONS,
    ANONYMOUS,
    CODE,
    DISDIK_LIAISON,
    PEER_ACTOR,
    PERSONAS,
    PUPR_LIAISON,
    SYSTEM_ACTOR,
    World,
    allowed_cells,
    authorised,
    perform,
    snapshot,
)
from tests.reports.helpers import make_report, report_input
from tuntas.accounts.models import User
from tuntas.core.errors import NotFound, PermissionDenied
from tuntas.organisations.models import Membership, Role
from tuntas.reference.models import Channel
from tuntas.reports import actions
from tuntas.reports.access import available_actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import DraftState, FollowUp, Report, Status
from tuntas.reports.transitions import TABLE, Action

PSEUDO = [CODE, SYSTEM_ACTOR, PEER_ACTOR, ANONYMOUS]


def _refusal_cases() -> list[tuple[Action, Status, str]]:
    cases = []
    for action, status in allowed_cells():
        candidates = PERSONAS + (PSEUDO if action in ACTOR_ACTIONS else [])
        for persona in candidates:
            if persona in authorised(action, status):
                continue
            if action == Action.ACCEPT_SUPPORT and persona in PUPR_LIAISON:
                continue  # the lead's own liaisons get a 409: already accepted (tested below)
            cases.append((action, status, persona))
    return cases


REFUSALS = _refusal_cases()


@pytest.mark.parametrize(
    ("action", "status", "persona"),
    REFUSALS,
    ids=[f"{a.value}@{s.value}-by-{p}" for a, s, p in REFUSALS],
)
def test_persona_without_the_capacity_is_refused_and_nothing_changes(
    world: World, action: Action, status: Status, persona: str
) -> None:
    report = world.report(status)
    before = snapshot(report)

    with pytest.raises((PermissionDenied, NotFound)) as refused:
        perform(action, world, report, persona)

    assert refused.value.status in (403, 404)
    assert snapshot(report) == before


GRANTS = [
    (action, status, persona)
    for action, status in allowed_cells()
    for persona in sorted(authorised(action, status))
]


@pytest.mark.parametrize(
    ("action", "status", "persona"),
    GRANTS,
    ids=[f"{a.value}@{s.value}-by-{p}" for a, s, p in GRANTS],
)
def test_every_authorised_persona_may_take_the_action(
    world: World, action: Action, status: Status, persona: str
) -> None:
    report = world.report(status)
    perform(action, world, report, persona)
    report.refresh_from_db()
    if action == Action.ACCEPT and persona in DISDIK_LIAISON:
        assert report.status == status  # the supporting agency acknowledges its part
    elif action == Action.ACCEPT_SUPPORT and persona in PUPR_LIAISON:
        assert report.status == Status.ACCEPTED  # the lead's liaison accepts for real
    else:
        assert report.status == TABLE[action].target_for(status)


def _offered_to(action: Action, status: Status) -> set[str]:
    """Who should see the action among their buttons (``available_actions``)."""
    if action == Action.ACCEPT:
        return set(PUPR_LIAISON)
    if action == Action.ACCEPT_SUPPORT:
        return set(DISDIK_LIAISON)
    return {p for p in authorised(action, status) if p in PERSONAS}


@pytest.mark.parametrize(
    ("action", "status"),
    allowed_cells(),
    ids=[f"{a.value}@{s.value}" for a, s in allowed_cells()],
)
def test_available_actions_offer_the_action_to_exactly_the_authorised_personas(
    world: World, action: Action, status: Status
) -> None:
    report = world.report(status)
    offered = {
        persona
        for persona in PERSONAS
        if action in available_actions(User.objects.get(username=persona), report)
    }
    assert offered == _offered_to(action, status)
    reporter_by_code = action in available_actions(None, report, is_reporter=True)
    assert reporter_by_code == (CODE in authorised(action, status))


# --- the right role in the wrong organisation ---------------------------------------


def test_another_pemdas_coordinator_cannot_verify_a_kapuas_report(world: World) -> None:
    report = world.report(Status.SUBMITTED)
    before = snapshot(report)
    with pytest.raises(PermissionDenied):
        actions.verify_report(report, actor=Actor(user=world.user("majalengka.koordinator")))
    with pytest.raises(PermissionDenied):
        actions.dispose_report(
            world.report(Status.VERIFIED),
            actor=Actor(user=world.user("bangkalan.koordinator")),
            agencies=[world.demo.orgs["kapuas-pupr"]],
            lead=world.demo.orgs["kapuas-pupr"],
        )
    assert snapshot(report) == before


def test_another_agencys_liaison_cannot_accept_a_report_disposed_to_pupr(world: World) -> None:
    report = make_report(world.demo, Status.DISPOSED)  # PUPR only, no supporting agency
    before = snapshot(report)
    for persona in ("kapuas.disdik.penghubung", "kapuas.disdik.admin"):
        with pytest.raises(PermissionDenied):
            actions.accept_disposition(report, actor=Actor(user=world.user(persona)))
        with pytest.raises(PermissionDenied):
            actions.return_disposition(
                report, actor=Actor(user=world.user(persona)), reason="Salah OPD"
            )
    assert snapshot(report) == before


def test_division_staff_cannot_draft_before_the_head_disposes_to_their_division(
    world: World,
) -> None:
    report = world.report(Status.ACCEPTED)
    before = snapshot(report)
    staff = world.user("kapuas.pupr.staf")
    with pytest.raises(PermissionDenied):
        actions.submit_draft(
            report, actor=Actor(user=staff), body="Jalan akan segera kami perbaiki minggu ini."
        )
    with pytest.raises(PermissionDenied):
        actions.request_clarification(
            report, actor=Actor(user=staff), question="Nomor rumah berapa?"
        )
    assert snapshot(report) == before


def test_staff_of_another_division_of_the_same_agency_is_refused(world: World) -> None:
    other = User.objects.create(username="kapuas.pupr.ciptakarya", full_name="Staf Cipta Karya")
    Membership.objects.create(
        user=other, organisation=world.demo.orgs["kapuas-pupr-ciptakarya"], role=Role.DIVISION_STAFF
    )
    report = world.report(Status.IN_DIVISION)  # handled by Bina Marga
    before = snapshot(report)
    with pytest.raises(PermissionDenied):
        actions.submit_draft(
            report, actor=Actor(user=other), body="Jalan akan segera kami perbaiki minggu ini."
        )
    with pytest.raises(PermissionDenied):
        actions.record_field_check(
            report,
            actor=Actor(user=other),
            visited_on=(timezone.now() - timedelta(days=1)).date(),
            location="Selat",
            findings="Lubang besar",
            conclusion="Ditambal",
            ba_number="BA/1",
        )
    assert snapshot(report) == before


def test_the_old_agency_loses_the_report_after_a_transfer(world: World) -> None:
    report = world.report(Status.ACCEPTED)
    actions.transfer_report(
        report,
        actor=Actor(user=world.user("kapuas.koordinator")),
        to_agency=world.demo.orgs["kapuas-diskominfo"],
        reason="Menyangkut layanan informasi publik",
    )
    before = snapshot(report)
    with pytest.raises(PermissionDenied):
        actions.accept_disposition(report, actor=Actor(user=world.user("kapuas.pupr.penghubung")))
    with pytest.raises(PermissionDenied):
        actions.transfer_report(
            report,
            actor=Actor(user=world.user("kapuas.pupr.penghubung")),
            to_agency=world.demo.orgs["kapuas-pupr"],
            reason="Kembalikan",
        )
    assert snapshot(report) == before


def test_the_lead_liaison_learns_the_disposition_was_already_accepted(world: World) -> None:
    report = world.report(Status.ACCEPTED)
    before = snapshot(report)
    from tuntas.reports.transitions import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed):
        actions.accept_disposition(report, actor=Actor(user=world.user("kapuas.pupr.admin")))
    assert snapshot(report) == before


def test_a_supporting_agency_acknowledges_once_only(world: World) -> None:
    report = world.report(Status.IN_DIVISION)
    actions.accept_disposition(report, actor=Actor(user=world.user("kapuas.disdik.penghubung")))
    before = snapshot(report)
    with pytest.raises(PermissionDenied):
        actions.accept_disposition(report, actor=Actor(user=world.user("kapuas.disdik.admin")))
    assert snapshot(report) == before


# --- four eyes ------------------------------------------------------------------------


def _staff_who_is_also_head(world: World) -> User:
    staff = world.user("kapuas.pupr.staf")
    Membership.objects.create(
        user=staff, organisation=world.demo.orgs["kapuas-pupr"], role=Role.AGENCY_HEAD
    )
    return User.objects.get(pk=staff.pk)  # fresh: memberships are cached per instance


def test_the_author_cannot_approve_their_own_draft(world: World) -> None:
    both = _staff_who_is_also_head(world)
    report = world.report(Status.IN_DIVISION)
    actions.submit_draft(
        report, actor=Actor(user=both), body="Jalan akan ditambal oleh Bina Marga besok."
    )
    before = snapshot(report)

    with pytest.raises(PermissionDenied) as refused:
        actions.approve_draft(report, actor=Actor(user=both))

    assert refused.value.code == "own_draft"
    assert snapshot(report) == before
    actions.approve_draft(report, actor=Actor(user=world.user("kapuas.pupr.kadis")))
    report.refresh_from_db()
    assert report.status == Status.DRAFT_APPROVED


def test_a_staff_head_may_approve_a_draft_written_by_someone_else(world: World) -> None:
    both = _staff_who_is_also_head(world)
    report = world.report(Status.DRAFT_REVIEW)  # drafted by kapuas.pupr.staf ... before
    draft = FollowUp.objects.get(report=report, state=DraftState.REVIEW)
    assert draft.author_id == both.pk
    with pytest.raises(PermissionDenied):
        actions.approve_draft(report, actor=Actor(user=both))
    # The liaison officer is another pair of eyes.
    actions.approve_draft(report, actor=Actor(user=world.user("kapuas.pupr.penghubung")))
    draft.refresh_from_db()
    assert draft.state == DraftState.APPROVED
    assert draft.reviewed_by_id == world.user("kapuas.pupr.penghubung").pk


# --- intake from outside channels ----------------------------------------------------


@pytest.mark.parametrize(
    "persona",
    [
        "warga",
        "nasional",
        "ombudsman",
        "kapuas.pupr.penghubung",
        "kapuas.pupr.kadis",
        "kapuas.pupr.staf",
        "kapuas.kasi",
        "kapuas.apip",
    ],
)
def test_only_coordinators_and_liaison_admins_may_type_in_outside_reports(
    world: World, persona: str
) -> None:
    count = Report.objects.count()
    with pytest.raises(PermissionDenied):
        actions.intake_report(
            report_input(world.demo, channel=Channel.objects.get(code="letter")),
            actor=Actor(user=world.user(persona)),
        )
    assert Report.objects.count() == count


@pytest.mark.parametrize(
    ("persona", "org"),
    [
        ("majalengka.koordinator", "kapuas"),
        ("kapuas.koordinator", "kapuas-pupr"),
        ("kapuas.pupr.admin", "kapuas-disdik"),
        ("bangkalan.dishub.admin", "kapuas-pupr"),
    ],
)
def test_intake_for_someone_elses_organisation_is_refused(
    world: World, persona: str, org: str
) -> None:
    count = Report.objects.count()
    with pytest.raises(PermissionDenied):
        actions.intake_report(
            report_input(world.demo, channel=Channel.objects.get(code="letter")),
            actor=Actor(user=world.user(persona)),
            organisation=world.demo.orgs[org],
        )
    assert Report.objects.count() == count


def test_intake_by_a_liaison_admin_lands_with_their_own_agency(world: World) -> None:
    submitted = actions.intake_report(
        report_input(world.demo, channel=Channel.objects.get(code="walk_in")),
        actor=Actor(user=world.user("kapuas.pupr.admin")),
    )
    report = Report.objects.get(pk=submitted.report.pk)
    assert report.status == Status.ACCEPTED
    assert report.lead_agency_id == world.demo.orgs["kapuas-pupr"].pk
    assert report.pemda_id == world.demo.orgs["kapuas"].pk
