"""Seed 004 step 5: where an agency has no separate drafting staff, its liaison officer
(Pejabat Penghubung) drafts the follow-up, a per-agency setting; the four-eyes rule
still holds (the drafter never approves their own draft)."""

from __future__ import annotations

import pytest

from tests.reports.cells import World, snapshot
from tuntas.accounts.models import User
from tuntas.core.errors import PermissionDenied
from tuntas.organisations.models import Organisation
from tuntas.reports import actions
from tuntas.reports.access import available_actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import DraftState, FollowUp, Status
from tuntas.reports.transitions import Action

BODY = "Jalan di depan pasar akan ditambal oleh Bina Marga pada hari Senin."


def liaison_officer(world: World) -> User:
    # Fresh: memberships (and the agency's setting read with them) are cached per instance.
    return User.objects.get(pk=world.user("kapuas.pupr.penghubung").pk)


def liaison_drafts(world: World, on: bool) -> None:
    Organisation.objects.filter(pk=world.demo.orgs["kapuas-pupr"].pk).update(
        liaison_officer_drafts=on
    )


def test_without_the_setting_the_liaison_officer_may_not_draft(world: World) -> None:
    report = world.report(Status.ACCEPTED)
    officer = liaison_officer(world)
    assert Action.SUBMIT_DRAFT not in available_actions(officer, report)
    before = snapshot(report)
    with pytest.raises(PermissionDenied):
        actions.submit_draft(report, actor=Actor(user=officer), body=BODY)
    assert snapshot(report) == before


def test_with_the_setting_the_liaison_officer_drafts_and_someone_else_approves(
    world: World,
) -> None:
    liaison_drafts(world, True)
    report = world.report(Status.ACCEPTED)
    officer = liaison_officer(world)
    assert Action.SUBMIT_DRAFT in available_actions(officer, report)

    actions.submit_draft(report, actor=Actor(user=officer), body=BODY)
    report.refresh_from_db()
    assert report.status == Status.DRAFT_REVIEW
    draft = FollowUp.objects.get(report=report, state=DraftState.REVIEW)
    assert draft.author_id == officer.pk

    before = snapshot(report)
    with pytest.raises(PermissionDenied) as refused:
        actions.approve_draft(report, actor=Actor(user=officer))
    assert refused.value.code == "own_draft"
    assert snapshot(report) == before

    actions.approve_draft(report, actor=Actor(user=world.user("kapuas.pupr.kadis")))
    report.refresh_from_db()
    assert report.status == Status.DRAFT_APPROVED


def test_the_setting_of_one_agency_gives_nothing_at_another(world: World) -> None:
    Organisation.objects.exclude(pk=world.demo.orgs["kapuas-pupr"].pk).update(
        liaison_officer_drafts=True
    )
    report = world.report(Status.ACCEPTED)  # led by Kapuas PUPR
    officer = liaison_officer(world)
    assert Action.SUBMIT_DRAFT not in available_actions(officer, report)
    with pytest.raises(PermissionDenied):
        actions.submit_draft(report, actor=Actor(user=officer), body=BODY)
