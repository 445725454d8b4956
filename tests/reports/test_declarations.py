"""Every report action is declared once, completely, and everything else agrees with it.

Adding an action is one declaration beside its function: these tests fail when a
declaration is missing or incomplete, when its function, form, API endpoint or schema
would disagree with it, or when an action has no way to be taken.
"""

from __future__ import annotations

import dataclasses
import importlib
from typing import Any

import pytest
from django import forms

from tuntas.api.serializers.staff_actions import input_serializer
from tuntas.api.staff_actions import slug_for, staff_actions
from tuntas.core.statemachine import SAME
from tuntas.reports.actions.base import ReportAction, runner_for
from tuntas.reports.actions.inputs import ActionInput, Files, fields_of
from tuntas.reports.declarations import Declaration, DeclarationError, declaration, declarations
from tuntas.reports.models import Status
from tuntas.reports.transitions import ACTION_LABELS, PEER, REPORTER, SYSTEM, TABLE, Action
from tuntas.staff.forms.actions import form_class
from tuntas.standards.models import Step

ROLES_AND_CAPACITIES = {REPORTER, SYSTEM, PEER} | {
    "national_admin",
    "coordinator",
    "liaison_officer",
    "liaison_admin",
    "agency_head",
    "division_staff",
    "liaison_officer_drafting",  # a liaison officer where the agency says they draft
}


def test_every_action_is_declared_once() -> None:
    declared = [d.action for d in declarations()]
    assert sorted(declared) == sorted(Action)
    assert len(declared) == len(set(declared))
    assert set(TABLE) == set(Action)
    assert set(ACTION_LABELS) == set(Action)


@pytest.mark.parametrize("action", list(Action), ids=str)
def test_each_declaration_is_complete(action: Action) -> None:
    d = declaration(action)
    assert d.action == action
    assert str(d.label).strip(), "an action needs a label people read"
    assert d.row.actors and d.row.actors <= ROLES_AND_CAPACITIES
    assert d.row.sources, "an action must be possible from somewhere"
    assert d.row.target == SAME or d.row.target in Status.values
    assert issubclass(d.input, ActionInput)
    for step in (*d.effects.stop, *d.effects.pause, *d.effects.resume, *d.effects.start):
        assert step in Step.values
    fields_of(d.input)  # every input field is described


@pytest.mark.parametrize("action", list(Action), ids=str)
def test_each_declaration_names_its_function(action: Action) -> None:
    d = declaration(action)
    module_name, _, name = d.function.rpartition(".")
    function = getattr(importlib.import_module(module_name), name)
    assert callable(function)
    if isinstance(function, ReportAction):
        # One declaration, one function: the function's input is the declared input.
        assert function.declaration is d or function.declaration.input is d.input


def test_intake_rows_start_from_nothing_and_only_intake_does() -> None:
    creating = {d.action for d in declarations() if None in d.row.sources}
    assert creating == {
        Action.SUBMIT,
        Action.INTAKE,
        Action.INTAKE_FOR_AGENCY,
        Action.INTAKE_SOLVED,
        Action.RECEIVE_FORWARDED,  # a peer deployment forwards a report here
    }
    for action in creating:
        assert declaration(action).row.sources == frozenset({None})


def _staff_declarations() -> list[Declaration]:
    return [d for d in declarations() if d.staff is not None]


@pytest.mark.parametrize("d", _staff_declarations(), ids=lambda d: str(d.action))
def test_each_staff_action_has_a_form_an_endpoint_and_a_runner(d: Declaration) -> None:
    assert d.staff is not None
    assert str(d.staff.done).strip() and d.staff.summary.strip()
    staff_roles = d.row.actors - {REPORTER, SYSTEM}
    assert staff_roles, "a staff surface for an action no staff member may take"
    runner = runner_for(d.action)
    assert runner.declaration is d
    # The form asks exactly the declared fields (files make it multipart).
    form = form_class(d)
    names = [f.name for f in fields_of(d.input)]
    assert list(form.base_fields) == names
    assert form.multipart == any(isinstance(f.spec, Files) for f in fields_of(d.input))
    for described in fields_of(d.input):
        field = form.base_fields[described.name]
        assert isinstance(field, forms.Field)
        assert str(field.label) == str(described.spec.label)
    # The API endpoint asks the same fields.
    slug = slug_for(d.action)
    assert slug is not None and slug in staff_actions()
    serializer = input_serializer(d.input)
    if names:
        assert serializer is not None
        assert list(serializer().fields) == names
    else:
        assert serializer is None


def test_a_shared_endpoint_is_served_by_an_action_of_the_same_input() -> None:
    for d in _staff_declarations():
        assert d.staff is not None
        slug = d.staff.slug_for(d.action)
        served = staff_actions()[slug].declaration
        assert served.input is d.input


def test_only_system_actions_are_left_to_the_sweep() -> None:
    """Every action is taken somewhere: a staff surface, a citizen surface, intake,
    a peer deployment or the system's clock."""
    citizen = {
        Action.COMPLETE,
        Action.CLARIFY,
        Action.REPLY_SATISFIED,
        Action.REPLY_NOT_SATISFIED,
        Action.REPORTER_MESSAGE,
        Action.SUBMIT,
        Action.ACCEPT_PRIVACY_CHANGE,
        Action.DECLINE_PRIVACY_CHANGE,
    }
    own_pages = {
        Action.INTAKE,
        Action.INTAKE_FOR_AGENCY,
        Action.INTAKE_SOLVED,
        Action.FORWARD_TO_PEER,
    }
    for d in declarations():
        if d.staff is not None or d.action in citizen | own_pages:
            continue
        # Left: the clock's notices, and what a peer deployment does over its API.
        assert d.row.actors in ({SYSTEM}, {PEER}), f"{d.action} cannot be taken by anyone"


def test_a_declaration_twice_is_refused() -> None:
    from tuntas.reports.declarations import register

    with pytest.raises(DeclarationError, match="declared twice"):
        register(declaration(Action.VERIFY))


def test_input_fields_need_a_description() -> None:
    @dataclasses.dataclass(frozen=True, kw_only=True)
    class Loose(ActionInput):
        note: str = ""

    with pytest.raises(TypeError, match="needs a description"):
        fields_of(Loose)


def test_an_action_refuses_a_plain_user_as_actor(demo: Any) -> None:
    from tests.reports.helpers import make_report
    from tuntas.reports import actions

    report = make_report(demo, Status.SUBMITTED)
    with pytest.raises(TypeError, match="Actor"):
        actions.verify_report(report, actor=demo.users["kapuas.koordinator"])
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
