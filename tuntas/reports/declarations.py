"""What each report action is, declared once beside its function.

A ``Declaration`` holds everything the rest of the product needs to know about one action:
its row of the transition table (from which statuses, to which status, by whom), its
label, what it does to the clocks, who hears of it, its typed input and, for the actions
staff take on the staff page and the API, the success text and the endpoint's summary.
The declarations are made by ``tuntas.reports.actions.base.report_action`` (or
``declare`` for actions whose function serves several rows) in the module of the action's
function; the transition table, the clock effects, the audiences, the staff forms, the
API endpoints and their schema are all read from here.

This module imports nothing that imports the actions: the registry fills itself on first
use by importing ``tuntas.reports.actions`` (the reports app also does so when ready).
"""

from __future__ import annotations

import enum
import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django_stubs_ext import StrOrPromise

from tuntas.core.statemachine import SAME
from tuntas.reports.models.status import Status
from tuntas.reports.transitions import Action, Transition
from tuntas.standards.models import Step

if TYPE_CHECKING:
    from tuntas.reports.actions.inputs import ActionInput


@dataclass(frozen=True)
class Effects:
    """What an action does to the report's clocks (``tuntas.reports.clocks``)."""

    stop: tuple[Step, ...] = ()
    pause: tuple[Step, ...] = ()
    resume: tuple[Step, ...] = ()
    start: tuple[Step, ...] = ()
    restart: tuple[Step, ...] = field(default=())  # stop if open, then start anew

    @property
    def only_stops(self) -> bool:
        return not (self.pause or self.resume or self.start or self.restart)


NO_EFFECTS = Effects()


class Hearer(enum.StrEnum):
    """Staff audiences of a notice (``tuntas.reports.notify`` finds the people)."""

    COORDINATORS = "coordinators"
    LIAISONS = "liaisons"  # liaison officers and liaison admins of the agencies concerned
    LIAISON_OFFICERS = "liaison_officers"
    LIAISON_ADMINS = "liaison_admins"
    AGENCY_HEADS = "agency_heads"
    DIVISION_STAFF = "division_staff"
    NATIONAL_ADMINS = "national_admins"
    DRAFT_AUTHORS = "draft_authors"


@dataclass(frozen=True)
class Audience:
    """Who hears of an action: staff audiences, and whether the reporter is told."""

    staff: tuple[Hearer, ...] = ()
    reporter: bool = False


NOBODY = Audience()


@dataclass(frozen=True)
class StaffSurface:
    """An action staff take on the report page and through the API."""

    done: StrOrPromise  # the success message
    summary: str  # the API operation's summary (English)
    danger: bool = False  # ends or sends the report away: a red button
    slug: str = ""  # the API endpoint; the action's own name unless it shares one

    def slug_for(self, action: Action) -> str:
        return self.slug or str(action)


@dataclass(frozen=True)
class Declaration:
    row: Transition
    label: StrOrPromise
    effects: Effects
    audience: Audience
    input: type[ActionInput]
    function: str  # dotted path of the function that implements it
    staff: StaffSurface | None = None
    # The reason is a note between staff (instructions, return reasons): the status
    # change may be public, the note never leaves the staff side.
    internal_reason: bool = False

    @property
    def action(self) -> Action:
        return self.row.action


class DeclarationError(Exception):
    pass


_REGISTRY: dict[str, Declaration] = {}
_LOADED = False


def register(declaration: Declaration) -> None:
    key = str(declaration.action)
    if key in _REGISTRY:
        raise DeclarationError(f"{key} is declared twice")
    if declaration.row.target != SAME and declaration.row.target not in Status.values:
        raise DeclarationError(f"{key} leads to an unknown status {declaration.row.target}")
    _REGISTRY[key] = declaration


def _ensure_loaded() -> None:
    global _LOADED
    if not _LOADED:
        _LOADED = True
        importlib.import_module("tuntas.reports.actions")


def declaration(action: Action | str) -> Declaration:
    _ensure_loaded()
    try:
        return _REGISTRY[str(action)]
    except KeyError:
        raise DeclarationError(f"{action} has no declaration") from None


def declarations() -> list[Declaration]:
    """Every declaration, in the order of the ``Action`` enum."""
    _ensure_loaded()
    return [_REGISTRY[str(a)] for a in Action if str(a) in _REGISTRY]
