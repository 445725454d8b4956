"""The one transition table that owns a report's status.

Each row names an action, the statuses it may start from, the status it leads
to (``SAME`` = status unchanged, the action is only recorded) and the roles that
may take it. ``None`` as a source means "the report does not exist yet" (intake).
Each row is declared beside its action's function (``tuntas.reports.declarations``);
``TABLE`` reads them all. Tests walk it cell by cell; nothing else may change
``Report.status``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, TypeVar

from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from tuntas.audit.catalogue import register_vocabulary
from tuntas.core.errors import Conflict
from tuntas.core.statemachine import SAME, Row
from tuntas.reports.models.status import Status

if TYPE_CHECKING:
    from tuntas.reports.declarations import Declaration

REPORTER = "reporter"  # the report's own reporter (account or access code)
SYSTEM = "system"  # the scheduler acting on a clock
PEER = "peer"  # another Tuntas deployment, calling with the API key we issued it

__all__ = [
    "PEER",
    "REPORTER",
    "SAME",
    "SYSTEM",
    "TABLE",
    "Action",
    "Transition",
    "transition_for",
]


class Action(enum.StrEnum):
    SUBMIT = "submit"
    INTAKE = "intake"
    INTAKE_FOR_AGENCY = "intake_for_agency"
    INTAKE_SOLVED = "intake_solved"
    VERIFY = "verify"
    HOLD = "hold"
    COMPLETE = "complete"
    NOT_IN_AUTHORITY = "not_in_authority"
    ROUTE_TO_PEMDA = "route_to_pemda"
    FORWARD_EXTERNAL = "forward_external"
    FORWARD_TO_PEER = "forward_to_peer"
    RECEIVE_FORWARDED = "receive_forwarded"
    RECORD_PEER_ANSWER = "record_peer_answer"
    ARCHIVE = "archive"
    DISPOSE = "dispose"
    ACCEPT = "accept"
    ACCEPT_SUPPORT = "accept_support"
    RETURN_DISPOSITION = "return_disposition"
    TRANSFER = "transfer"
    DISPOSE_INTERNALLY = "dispose_internally"
    REQUEST_CLARIFICATION = "request_clarification"
    CLARIFY = "clarify"
    RECORD_FIELD_CHECK = "record_field_check"
    SUBMIT_DRAFT = "submit_draft"
    APPROVE_DRAFT = "approve_draft"
    RETURN_DRAFT = "return_draft"
    PUBLISH_FOLLOWUP = "publish_followup"
    REPLY_SATISFIED = "reply_satisfied"
    REPLY_NOT_SATISFIED = "reply_not_satisfied"
    CLOSE = "close"
    REOPEN = "reopen"
    FORWARD_OMBUDSMAN = "forward_ombudsman"
    REPORTER_MESSAGE = "reporter_message"
    REMIND = "remind"
    MARK_OVERDUE = "mark_overdue"
    INTERVENE_PEMDA = "intervene_pemda"
    INTERVENE_NATIONAL = "intervene_national"
    REQUEST_PRIVACY_CHANGE = "request_privacy_change"
    ACCEPT_PRIVACY_CHANGE = "accept_privacy_change"
    DECLINE_PRIVACY_CHANGE = "decline_privacy_change"


# A report's actions are audit actions too: one catalogue (``tuntas.audit.catalogue``).
register_vocabulary(Action)


class Transition(Row[Action, Status]):
    """A row of the report's transition table (declared with its action)."""

    @property
    def action(self) -> Action:
        return self.move


V = TypeVar("V")


class DeclaredView(Mapping[Action, V]):
    """A read-only view over one part of every action's declaration, keyed by action.

    The declarations live beside their functions (``tuntas.reports.actions``); they are
    loaded on first use, so this module stays a leaf that everything may import."""

    def __init__(self, part: Callable[[Declaration], V]) -> None:
        self._part = part

    def __getitem__(self, action: Action) -> V:
        from tuntas.reports.declarations import DeclarationError, declaration

        try:
            return self._part(declaration(action))
        except DeclarationError:
            raise KeyError(action) from None

    def __iter__(self) -> Iterator[Action]:
        from tuntas.reports.declarations import declarations

        return iter([d.action for d in declarations()])

    def __len__(self) -> int:
        from tuntas.reports.declarations import declarations

        return len(declarations())


# The one transition table, and each action's label: read from the declarations.
TABLE: Mapping[Action, Transition] = DeclaredView(lambda d: d.row)
ACTION_LABELS: Mapping[Action, StrOrPromise] = DeclaredView(lambda d: d.label)


def is_internal_reason(action: Action | str) -> bool:
    """Whether the action's reason is a note between staff (instructions, return
    reasons): the status change may be public, the note never leaves the staff side.
    False for anything that is not a report action (other audit actions)."""
    from tuntas.reports.declarations import DeclarationError, declaration

    try:
        return declaration(action).internal_reason
    except DeclarationError:
        return False


S = Status
HANDLING = frozenset({S.ACCEPTED, S.IN_DIVISION})
AGENCY_OPEN = frozenset(
    {
        S.DISPOSED,
        S.ACCEPTED,
        S.IN_DIVISION,
        S.AWAITING_CLARIFICATION,
        S.DRAFT_REVIEW,
        S.DRAFT_APPROVED,
    }
)
# Every status in which someone still owes the report something.
OPEN = frozenset(
    {S.SUBMITTED, S.ON_HOLD, S.NOT_IN_AUTHORITY, S.VERIFIED, *AGENCY_OPEN, S.FOLLOWED_UP}
)


class TransitionNotAllowed(Conflict):
    def __init__(self, action: Action, status: Status | None):
        label = Status(status).label if status else _("(belum ada)")
        super().__init__(
            _("Aksi '%(action)s' tidak dapat dilakukan pada laporan berstatus '%(status)s'.")
            % {"action": ACTION_LABELS[action], "status": label},
            code="transition_not_allowed",
            extra={"action": str(action), "status": str(status) if status else None},
        )


def transition_for(action: Action, current: Status | str | None) -> Transition:
    """The table row for ``action`` from ``current``; refuses what the table forbids."""
    row = TABLE[action]
    status = Status(current) if current is not None else None
    if status not in row.sources:
        raise TransitionNotAllowed(action, status)
    return row


def actions_from(status: Status | str) -> list[Action]:
    current = Status(status)
    return [action for action, row in TABLE.items() if current in row.sources]
