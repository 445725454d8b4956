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
from tuntas.organisations.models import Role
from tuntas.oversight.models import EvaluationState, QuarterlyDecision, QuarterlyState

NEW = ""  # the state of a document that does not exist yet


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
class QuarterlyTransition:
    move: QuarterlyMove
    source: str
    target: QuarterlyState
    role: Role
    # The sign-off this move records on the document (None: compiling records none).
    decision: QuarterlyDecision | None
    # The role of the person who acts next (notified), None when the chain ends.
    next_role: Role | None
    note_required: bool = False


S = QuarterlyState
M = QuarterlyMove
D = QuarterlyDecision
QUARTERLY_TABLE: tuple[QuarterlyTransition, ...] = (
    QuarterlyTransition(M.COMPILE, NEW, S.DRAFT, Role.COORDINATOR, None, None),
    QuarterlyTransition(M.COMPILE, S.DRAFT, S.DRAFT, Role.COORDINATOR, None, None),
    QuarterlyTransition(M.COMPILE, S.RETURNED, S.DRAFT, Role.COORDINATOR, None, None),
    QuarterlyTransition(
        M.SUBMIT, S.DRAFT, S.SUBMITTED, Role.COORDINATOR, D.SUBMITTED, Role.SECTION_HEAD
    ),
    QuarterlyTransition(
        M.SUBMIT, S.RETURNED, S.SUBMITTED, Role.COORDINATOR, D.SUBMITTED, Role.SECTION_HEAD
    ),
    QuarterlyTransition(
        M.RETURN,
        S.SUBMITTED,
        S.RETURNED,
        Role.SECTION_HEAD,
        D.RETURNED,
        Role.COORDINATOR,
        note_required=True,
    ),
    QuarterlyTransition(
        M.INITIAL,
        S.SUBMITTED,
        S.INITIALLED_SECTION,
        Role.SECTION_HEAD,
        D.INITIALLED,
        Role.DIVISION_HEAD,
    ),
    QuarterlyTransition(
        M.RETURN,
        S.INITIALLED_SECTION,
        S.RETURNED,
        Role.DIVISION_HEAD,
        D.RETURNED,
        Role.COORDINATOR,
        note_required=True,
    ),
    QuarterlyTransition(
        M.INITIAL,
        S.INITIALLED_SECTION,
        S.INITIALLED_DIVISION,
        Role.DIVISION_HEAD,
        D.INITIALLED,
        Role.SECTION_HEAD,
    ),
    QuarterlyTransition(
        M.CHECK_RESOLVED,
        S.INITIALLED_DIVISION,
        S.RESOLVED_CHECKED,
        Role.SECTION_HEAD,
        D.RESOLVED_CHECKED,
        Role.DIVISION_HEAD,
    ),
    QuarterlyTransition(
        M.ARCHIVE, S.RESOLVED_CHECKED, S.ARCHIVED, Role.DIVISION_HEAD, D.ARCHIVED, None
    ),
)


def quarterly_transition(move: QuarterlyMove, source: str) -> QuarterlyTransition | None:
    for row in QUARTERLY_TABLE:
        if row.move == move and row.source == source:
            return row
    return None


def quarterly_moves_for(state: str, roles: frozenset[str]) -> list[QuarterlyTransition]:
    """The moves a person holding ``roles`` may make on a document in ``state``."""
    return [r for r in QUARTERLY_TABLE if r.source == state and r.role in roles]


def waiting_for(state: str) -> frozenset[Role]:
    """Whose turn it is on a document in ``state`` (for the queues)."""
    return frozenset(r.role for r in QUARTERLY_TABLE if r.source == state and r.move != M.COMPILE)


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
class EvaluationTransition:
    move: EvaluationMove
    source: EvaluationState
    target: EvaluationState
    actor: str
    note_required: bool = False


E = EvaluationState
EM = EvaluationMove
EVALUATION_TABLE: tuple[EvaluationTransition, ...] = (
    EvaluationTransition(EM.EDIT, E.DRAFT, E.DRAFT, TEAM),
    EvaluationTransition(EM.EDIT, E.RETURNED, E.RETURNED, TEAM),
    EvaluationTransition(EM.SUBMIT, E.DRAFT, E.SUBMITTED, TEAM),
    EvaluationTransition(EM.SUBMIT, E.RETURNED, E.SUBMITTED, TEAM),
    EvaluationTransition(EM.APPROVE, E.SUBMITTED, E.APPROVED, APPROVER),
    EvaluationTransition(EM.RETURN, E.SUBMITTED, E.RETURNED, APPROVER, note_required=True),
    EvaluationTransition(EM.ARCHIVE, E.APPROVED, E.ARCHIVED, TEAM),
)


def evaluation_transition(move: EvaluationMove, source: str) -> EvaluationTransition | None:
    for row in EVALUATION_TABLE:
        if row.move == move and row.source == source:
            return row
    return None
