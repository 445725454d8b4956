"""The quarterly transition table walked cell by cell: every move in every state by every
persona of the chain is either the table's row or refused (409 wrong state, 403 role),
and a refused move changes nothing."""

from __future__ import annotations

import pytest
from django.db import transaction

from tests.oversight.helpers import past_quarter
from tuntas.core.errors import Conflict, PermissionDenied
from tuntas.demo.builder import Demo
from tuntas.organisations.models import Role
from tuntas.oversight import actions
from tuntas.oversight.models import QuarterlyReport, QuarterlyState
from tuntas.oversight.transitions import (
    QUARTERLY_TABLE,
    QuarterlyMove,
    quarterly_transition,
    waiting_for,
)

pytestmark = pytest.mark.django_db

PERSONAS = {
    "kapuas.koordinator": Role.COORDINATOR,
    "kapuas.kasi": Role.SECTION_HEAD,
    "kapuas.kabid": Role.DIVISION_HEAD,
}
# How to bring a fresh report to each state (moves by persona, in order).
ROUTE: dict[QuarterlyState, list[tuple[QuarterlyMove, str]]] = {
    QuarterlyState.DRAFT: [],
    QuarterlyState.SUBMITTED: [(QuarterlyMove.SUBMIT, "kapuas.koordinator")],
    QuarterlyState.RETURNED: [
        (QuarterlyMove.SUBMIT, "kapuas.koordinator"),
        (QuarterlyMove.RETURN, "kapuas.kasi"),
    ],
    QuarterlyState.INITIALLED_SECTION: [
        (QuarterlyMove.SUBMIT, "kapuas.koordinator"),
        (QuarterlyMove.INITIAL, "kapuas.kasi"),
    ],
    QuarterlyState.INITIALLED_DIVISION: [
        (QuarterlyMove.SUBMIT, "kapuas.koordinator"),
        (QuarterlyMove.INITIAL, "kapuas.kasi"),
        (QuarterlyMove.INITIAL, "kapuas.kabid"),
    ],
    QuarterlyState.RESOLVED_CHECKED: [
        (QuarterlyMove.SUBMIT, "kapuas.koordinator"),
        (QuarterlyMove.INITIAL, "kapuas.kasi"),
        (QuarterlyMove.INITIAL, "kapuas.kabid"),
        (QuarterlyMove.CHECK_RESOLVED, "kapuas.kasi"),
    ],
    QuarterlyState.ARCHIVED: [
        (QuarterlyMove.SUBMIT, "kapuas.koordinator"),
        (QuarterlyMove.INITIAL, "kapuas.kasi"),
        (QuarterlyMove.INITIAL, "kapuas.kabid"),
        (QuarterlyMove.CHECK_RESOLVED, "kapuas.kasi"),
        (QuarterlyMove.ARCHIVE, "kapuas.kabid"),
    ],
}
MOVES = [m for m in QuarterlyMove if m != QuarterlyMove.COMPILE]


class Undo(Exception):
    """Raised to roll a successful attempt back."""


def test_every_state_is_reachable_and_every_row_is_used() -> None:
    assert set(ROUTE) == set(QuarterlyState)
    used = [(r.move, source) for r in QUARTERLY_TABLE for source in r.sources]
    assert len(used) == len(set(used))  # no ambiguous rows
    assert waiting_for(QuarterlyState.ARCHIVED) == frozenset()
    assert waiting_for(QuarterlyState.SUBMITTED) == {Role.SECTION_HEAD}


def test_each_cell(demo: Demo) -> None:
    year, quarter, _moment = past_quarter(demo)
    u = demo.users
    report = actions.compile_quarterly_report(
        pemda=demo.orgs["kapuas"], year=year, quarter=quarter, actor=u["kapuas.koordinator"]
    )
    for state, route in ROUTE.items():
        with transaction.atomic():
            for move, persona in route:
                actions.apply_move(report, move, actor=u[persona], note="Catatan")
            report.refresh_from_db()
            assert report.state == state
            signoffs = report.signoffs.count()
            for move in MOVES:
                row = quarterly_transition(move, state)
                for persona, role in PERSONAS.items():
                    allowed = row is not None and row.role == role
                    try:
                        with transaction.atomic():
                            moved = actions.apply_move(
                                report, move, actor=u[persona], note="Catatan"
                            )
                            assert allowed, (state, move, persona)
                            assert row is not None and moved.state == row.target
                            raise Undo
                    except Undo:
                        pass
                    except Conflict:
                        assert row is None, (state, move, persona)
                    except PermissionDenied:
                        assert row is not None and row.role != role, (state, move, persona)
                    report.refresh_from_db()
                    assert report.state == state and report.signoffs.count() == signoffs
            transaction.set_rollback(True)
        assert QuarterlyReport.objects.get(pk=report.pk).state == QuarterlyState.DRAFT
