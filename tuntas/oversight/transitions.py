"""The one table of the quarterly report's moves (seed 003 SOP 3) and of the M&E records'
moves (SOP 4): from which state, to which state, by which role.

SOP 3, step by step: the Admin Utama collects every channel's reports and compiles the
periodic report (``compile``: creates it, or re-compiles a draft or returned one) and
hands it to the Kasi (``submit``); the Kasi checks it and initials it (``initial``) or
returns it for correction with a note (``return``); the Kabid checks it and initials it
(or returns it); the Kasi checks the resolved reports in the system and initials that
print-out (``check_resolved``); the Kabid disposes it to the archive as material for the
quarterly evaluation meeting (``archive``). Archived documents are read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tuntas.audit.catalogue import AuditAction
from tuntas.core.statemachine import Row, Table
from tuntas.organisations.models import Role
from tuntas.oversight.models import EvaluationState, QuarterlyDecision, QuarterlyState

NEW = None  # the "state" of a document that does not exist yet


class QuarterlyMove(StrEnum):
    COMPILE = "compile"
    SUBMIT = "submit"
    RETURN = "return"
    INITIAL = "initial"
    CHECK_RESOLVED = "check_resolved"
    ARCHIVE = "archive"


# The audit action each move writes.
QUARTERLY_AUDIT: dict[QuarterlyMove, AuditAction] = {
    QuarterlyMove.COMPILE: AuditAction.QUARTERLY_COMPILE,
    QuarterlyMove.SUBMIT: AuditAction.QUARTERLY_SUBMIT,
    QuarterlyMove.RETURN: AuditAction.QUARTERLY_RETURN,
    QuarterlyMove.INITIAL: AuditAction.QUARTERLY_INITIAL,
    QuarterlyMove.CHECK_RESOLVED: AuditAction.QUARTERLY_CHECK_RESOLVED,
    QuarterlyMove.ARCHIVE: AuditAction.QUARTERLY_ARCHIVE,
}


@dataclass(frozen=True)
class QuarterlyTransition(Row[QuarterlyMove, QuarterlyState]):
    # The sign-off this move records on the document (None: compiling records none).
    decision: QuarterlyDecision | None = None
    # The role of the person who acts next (notified), None when the chain ends.
    next_role: Role | None = None
    note_required: bool = False

    @property
    def role(self) -> Role:
        """Each move of the chain is one role's."""
        (only,) = self.actors
        return Role(only)


def _q(
    move: QuarterlyMove,
    sources: tuple[QuarterlyState | None, ...],
    target: QuarterlyState,
    role: Role,
    decision: QuarterlyDecision | None,
    next_role: Role | None,
    *,
    note_required: bool = False,
) -> QuarterlyTransition:
    return QuarterlyTransition(
        move,
        frozenset(sources),
        target,
        frozenset({role}),
        decision=decision,
        next_role=next_role,
        note_required=note_required,
    )


S = QuarterlyState
M = QuarterlyMove
D = QuarterlyDecision
QUARTERLY_TABLE: Table[QuarterlyTransition] = Table(
    [
        _q(M.COMPILE, (NEW, S.DRAFT, S.RETURNED), S.DRAFT, Role.COORDINATOR, None, None),
        _q(
            M.SUBMIT,
            (S.DRAFT, S.RETURNED),
            S.SUBMITTED,
            Role.COORDINATOR,
            D.SUBMITTED,
            Role.SECTION_HEAD,
        ),
        _q(
            M.RETURN,
            (S.SUBMITTED,),
            S.RETURNED,
            Role.SECTION_HEAD,
            D.RETURNED,
            Role.COORDINATOR,
            note_required=True,
        ),
        _q(
            M.INITIAL,
            (S.SUBMITTED,),
            S.INITIALLED_SECTION,
            Role.SECTION_HEAD,
            D.INITIALLED,
            Role.DIVISION_HEAD,
        ),
        _q(
            M.RETURN,
            (S.INITIALLED_SECTION,),
            S.RETURNED,
            Role.DIVISION_HEAD,
            D.RETURNED,
            Role.COORDINATOR,
            note_required=True,
        ),
        _q(
            M.INITIAL,
            (S.INITIALLED_SECTION,),
            S.INITIALLED_DIVISION,
            Role.DIVISION_HEAD,
            D.INITIALLED,
            Role.SECTION_HEAD,
        ),
        _q(
            M.CHECK_RESOLVED,
            (S.INITIALLED_DIVISION,),
            S.RESOLVED_CHECKED,
            Role.SECTION_HEAD,
            D.RESOLVED_CHECKED,
            Role.DIVISION_HEAD,
        ),
        _q(M.ARCHIVE, (S.RESOLVED_CHECKED,), S.ARCHIVED, Role.DIVISION_HEAD, D.ARCHIVED, None),
    ]
)


def quarterly_transition(move: QuarterlyMove, source: str | None) -> QuarterlyTransition | None:
    return QUARTERLY_TABLE.row(move, source or NEW)


def quarterly_moves_for(state: str, roles: frozenset[str]) -> list[QuarterlyTransition]:
    """The moves a person holding ``roles`` may make on a document in ``state``."""
    return QUARTERLY_TABLE.moves_from(state, roles)


def waiting_for(state: str) -> frozenset[Role]:
    """Whose turn it is on a document in ``state`` (for the queues)."""
    return frozenset(Role(r) for r in QUARTERLY_TABLE.waiting_for(state, skip={M.COMPILE}))


class EvaluationMove(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"
    ARCHIVE = "archive"


EVALUATION_AUDIT: dict[EvaluationMove, AuditAction] = {
    EvaluationMove.EDIT: AuditAction.EVALUATION_EDIT,
    EvaluationMove.SUBMIT: AuditAction.EVALUATION_SUBMIT,
    EvaluationMove.APPROVE: AuditAction.EVALUATION_APPROVE,
    EvaluationMove.RETURN: AuditAction.EVALUATION_RETURN,
    EvaluationMove.ARCHIVE: AuditAction.EVALUATION_ARCHIVE,
}


# Who may make each M&E move: ``team`` (the complaint team: coordinator, Kasi, Kabid)
# or ``approver`` (the Kepala Dinas of the agency holding the complaint unit).
TEAM = "team"
APPROVER = "approver"


@dataclass(frozen=True)
class EvaluationTransition(Row[EvaluationMove, EvaluationState]):
    note_required: bool = False

    @property
    def actor(self) -> str:
        """``team`` or ``approver``: each move is one of them."""
        (only,) = self.actors
        return only


def _e(
    move: EvaluationMove,
    source: EvaluationState,
    target: EvaluationState,
    actor: str,
    *,
    note_required: bool = False,
) -> EvaluationTransition:
    return EvaluationTransition(
        move, frozenset({source}), target, frozenset({actor}), note_required=note_required
    )


E = EvaluationState
EM = EvaluationMove
EVALUATION_TABLE: Table[EvaluationTransition] = Table(
    [
        _e(EM.EDIT, E.DRAFT, E.DRAFT, TEAM),
        _e(EM.EDIT, E.RETURNED, E.RETURNED, TEAM),
        _e(EM.SUBMIT, E.DRAFT, E.SUBMITTED, TEAM),
        _e(EM.SUBMIT, E.RETURNED, E.SUBMITTED, TEAM),
        _e(EM.APPROVE, E.SUBMITTED, E.APPROVED, APPROVER),
        _e(EM.RETURN, E.SUBMITTED, E.RETURNED, APPROVER, note_required=True),
        _e(EM.ARCHIVE, E.APPROVED, E.ARCHIVED, TEAM),
    ]
)


def evaluation_transition(move: EvaluationMove, source: str) -> EvaluationTransition | None:
    return EVALUATION_TABLE.row(move, source)


def evaluation_moves_from(state: str) -> list[EvaluationTransition]:
    return EVALUATION_TABLE.moves_from(state)
