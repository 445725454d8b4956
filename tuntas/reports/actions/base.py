"""What every report action shares: lock, authorise, change status, audit, clocks."""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar, get_type_hints
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from tuntas.accounts.models import User
from tuntas.audit.models import Visibility
from tuntas.audit.services import record_event
from tuntas.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from tuntas.reports.access import capacities
from tuntas.reports.actions.inputs import ActionInput, NoInput, clean
from tuntas.reports.clocks import apply_effects
from tuntas.reports.declarations import (
    NO_EFFECTS,
    NOBODY,
    Audience,
    Declaration,
    Effects,
    StaffSurface,
    register,
)
from tuntas.reports.hooks import ChangeBatch, ChangeContext
from tuntas.reports.models import Report, Status
from tuntas.reports.models.status import Status as S
from tuntas.reports.transitions import (
    PEER,
    SYSTEM,
    Action,
    Transition,
    is_internal_reason,
    transition_for,
)


@dataclass(frozen=True)
class Actor:
    """Who acts: a signed-in user, a reporter proven by access code, the system, or a peer
    deployment (``is_peer``: a call made with the API key we issued it; ``user`` is that
    key's application user)."""

    user: User | None = None
    is_reporter_by_code: bool = False
    is_system: bool = False
    is_peer: bool = False

    @classmethod
    def system(cls) -> Actor:
        return cls(is_system=True)

    @classmethod
    def peer(cls, user: User | None) -> Actor:
        """Another Tuntas deployment, calling as the application user of its key."""
        return cls(user=user, is_peer=True)

    @classmethod
    def reporter(cls, user: User | None) -> Actor:
        """The reporter: signed in as ``user``, or proven by the access code (None)."""
        return cls(user=user, is_reporter_by_code=user is None)

    @property
    def label(self) -> str:
        if self.is_system:
            return _("Sistem")
        if self.user is not None:
            return self.user.display_name
        return _("Pelapor")


def now_or(now: datetime | None) -> datetime:
    return now or timezone.now()


# The easternmost Indonesian time zone (WIT): the first to reach a new date.
LATEST_INDONESIAN_ZONE = ZoneInfo("Asia/Jayapura")


def latest_local_date(now: datetime) -> date:
    """The latest calendar date anywhere in Indonesia at ``now``.

    A date people type (incident, field visit) is "in the future" only if it is later
    than this; comparing with ``now.date()`` would use UTC and refuse today's date
    every morning before 07:00 WIB.
    """
    return now.astimezone(LATEST_INDONESIAN_ZONE).date()


def lock_report(report: Report | int) -> Report:
    pk = report.pk if isinstance(report, Report) else report
    # ``of=("self",)``: lock the report row only; PostgreSQL refuses FOR UPDATE on the
    # nullable side of the outer joins that select_related makes for optional FKs.
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("pemda", "classification", "lead_agency", "reporter")
        .filter(pk=pk)
        .first()
    )
    if locked is None:
        raise NotFound(_("Laporan tidak ditemukan."), code="report_not_found")
    return locked


def authorize(actor: Actor, report: Report | None, action: Action) -> tuple[Transition, str]:
    """The table row and the capacity the actor acts in; refuses what is not allowed."""
    row = transition_for(action, report.status if report is not None else None)
    if actor.is_system:
        if SYSTEM not in row.actors:
            raise PermissionDenied(_("Aksi ini tidak dapat dilakukan oleh sistem."))
        return row, SYSTEM
    if actor.is_peer:
        if PEER not in row.actors:
            raise PermissionDenied(_("Aksi ini tidak dapat dilakukan oleh instansi Tuntas lain."))
        return row, PEER
    if report is None:
        raise ApplicationError("authorize() needs a report for non-intake actions")
    caps = capacities(actor.user, report, is_reporter=actor.is_reporter_by_code)
    allowed = caps & row.actors
    if not allowed:
        raise PermissionDenied(_("Anda tidak berwenang melakukan aksi ini pada laporan ini."))
    return row, sorted(allowed)[0]


def change_status(
    report: Report,
    row: Transition,
    *,
    actor: Actor,
    capacity: str,
    now: datetime,
    reason: str = "",
    data: dict[str, Any] | None = None,
    visibility: Visibility = Visibility.PUBLIC,
    concerned: ChangeContext | None = None,
    created: bool = False,
    reporter_notice: str | None = None,
) -> None:
    """The only place a report's status is written; the change is then published to the
    after-change hook (``reports.hooks``: people, webhooks, federation).
    ``reporter_notice`` replaces the reason in what the reporter is sent (a link meant
    for them alone stays out of the audit trail)."""
    previous = None if created else Status(report.status)
    target = Status(row.target) if previous is None else row.target_for(previous)
    if created or target != previous:
        report.status = target
        report.status_changed_at = now
    report.save()
    internal = is_internal_reason(row.action)
    record_event(
        action=row.action,
        actor=actor.user,
        actor_label=actor.label,
        now=now,
        report=report,
        from_status=str(previous) if previous is not None else "",
        to_status=str(target),
        reason=reason,
        visibility=visibility,
        data={
            "capacity": capacity,
            **(data or {}),
            **({"internal_reason": True} if internal else {}),
        },
    )
    apply_effects(report, row.action, now)
    with ChangeBatch(now) as changes:
        changes.publish(
            report,
            row.action,
            actor=actor.user,
            now=now,
            reason=reason,
            reporter_reason=reporter_notice
            if reporter_notice is not None
            else ("" if internal else reason),
            visibility=visibility,
            context=concerned,
        )


def require_text(value: str | None, field_name: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationFailed({field_name: [message]})
    return text


# --- The transaction an action runs in ---------------------------------------------------

_COMPOSED: contextvars.ContextVar[bool] = contextvars.ContextVar("composed", default=False)


@contextmanager
def action_transaction() -> Iterator[None]:
    """A durable transaction of its own, as every action's (nothing half done survives
    a failure, and an action never hides inside a caller's transaction), unless the
    caller composes several writes into one with ``composed_transaction``."""
    if _COMPOSED.get():
        with transaction.atomic():
            yield
        return
    with transaction.atomic(durable=True):
        yield


@contextmanager
def composed_transaction() -> Iterator[None]:
    """One durable transaction for several writes that stand or fall together (a
    message received and the report made of it); actions inside it join it, and so
    does a composition inside another."""
    if _COMPOSED.get():
        with transaction.atomic():
            yield
        return
    with transaction.atomic(durable=True):
        token = _COMPOSED.set(True)
        try:
            yield
        finally:
            _COMPOSED.reset(token)


# --- Declaring an action beside its function -----------------------------------------------

I = TypeVar("I", bound=ActionInput)  # noqa: E741  # the conventional name
R = TypeVar("R")


@dataclass
class ActionContext:
    """What an action's function is handed: the locked report, the table row, the
    capacity the actor acts in, the actor and the moment."""

    report: Report
    row: Transition
    capacity: str
    actor: Actor
    now: datetime

    @property
    def user(self) -> User:
        """The person acting (every staff action has one)."""
        if self.actor.user is None:
            raise PermissionDenied(_("Aksi ini hanya dapat dilakukan oleh petugas yang masuk."))
        return self.actor.user

    def record(
        self,
        *,
        reason: str = "",
        data: dict[str, Any] | None = None,
        visibility: Visibility = Visibility.PUBLIC,
        concerned: ChangeContext | None = None,
        reporter_notice: str | None = None,
    ) -> None:
        """Write the status change with its audit event, clocks and notices."""
        change_status(
            self.report,
            self.row,
            actor=self.actor,
            capacity=self.capacity,
            now=self.now,
            reason=reason,
            data=data,
            visibility=visibility,
            concerned=concerned,
            reporter_notice=reporter_notice,
        )


Authorizer = Callable[[Actor, Report], tuple[Transition, str]]


class ReportAction(Generic[I, R]):
    """A declared action: call it with the report, its input and the actor.

    ``action(report, data, actor=..., now=...)`` takes the typed input; tests and
    scripts may give the input's fields as keywords instead (``missing="KTP"``)."""

    def __init__(
        self,
        declaration: Declaration,
        function: Callable[[ActionContext, I], R],
        authorizer: Authorizer | None,
    ) -> None:
        self.declaration = declaration
        self.function = function
        self.authorizer = authorizer
        functools.update_wrapper(self, function)

    @property
    def input(self) -> type[I]:
        return self.declaration.input  # type: ignore[return-value]  # set from the function

    def __call__(
        self,
        report: Report | int,
        data: I | None = None,
        /,
        *,
        actor: Actor,
        now: datetime | None = None,
        **fields: Any,
    ) -> R:
        if data is None:
            data = self.input(**fields)
        elif fields:
            raise TypeError("give the input or its fields, not both")
        return self.run(report, data, actor=actor, now=now)

    def run(self, report: Report | int, data: I, *, actor: Actor, now: datetime | None = None) -> R:
        if not isinstance(actor, Actor):
            raise TypeError(f"actor must be an Actor, not {type(actor).__name__}")
        now = now_or(now)
        data = clean(data, now=now)
        with action_transaction():
            rep = lock_report(report)
            if self.authorizer is not None:
                row, capacity = self.authorizer(actor, rep)
            else:
                row, capacity = authorize(actor, rep, self.declaration.action)
            context = ActionContext(report=rep, row=row, capacity=capacity, actor=actor, now=now)
            return self.function(context, data)


def declare(
    action: Action,
    *,
    sources: Iterable[S | None],
    target: S | str,
    actors: Iterable[str],
    label: StrOrPromise,
    effects: Effects = NO_EFFECTS,
    audience: Audience = NOBODY,
    input: type[ActionInput] = NoInput,
    function: str,
    staff: StaffSurface | None = None,
    internal_reason: bool = False,
) -> Declaration:
    """Declare an action whose function serves several rows (intake, system notices)."""
    made = Declaration(
        row=Transition(action, frozenset(sources), target, frozenset(actors)),
        label=label,
        effects=effects,
        audience=audience,
        input=input,
        function=function,
        staff=staff,
        internal_reason=internal_reason,
    )
    register(made)
    return made


def report_action(
    action: Action,
    *,
    sources: Iterable[S | None],
    target: S | str,
    actors: Iterable[str],
    label: StrOrPromise,
    effects: Effects = NO_EFFECTS,
    audience: Audience = NOBODY,
    staff: StaffSurface | None = None,
    internal_reason: bool = False,
    authorizer: Authorizer | None = None,
) -> Callable[[Callable[[ActionContext, I], R]], ReportAction[I, R]]:
    """Declare an action and its function: the table row, label, clock effects,
    audiences, staff surface; the typed input is the function's ``data`` annotation.

    The function is handed the locked report, its row, the actor's capacity and the
    moment, inside a durable transaction, after the input was cleaned and the actor
    authorised (by the table, or by ``authorizer`` for actions with a second row)."""

    def wrap(function: Callable[[ActionContext, I], R]) -> ReportAction[I, R]:
        hints = get_type_hints(function)
        input_type = hints.get("data")
        if not (isinstance(input_type, type) and issubclass(input_type, ActionInput)):
            raise TypeError(f"{function.__name__} must take data: <an ActionInput>")
        made = declare(
            action,
            sources=sources,
            target=target,
            actors=actors,
            label=label,
            effects=effects,
            audience=audience,
            input=input_type,
            function=f"{function.__module__}.{function.__qualname__}",
            staff=staff,
            internal_reason=internal_reason,
        )
        runner = ReportAction(made, function, authorizer)
        _RUNNERS[str(action)] = runner
        return runner

    return wrap


_RUNNERS: dict[str, ReportAction[Any, Any]] = {}


def runner_for(action: Action) -> ReportAction[Any, Any]:
    """The declared action that takes ``action`` from typed input (forms, the API)."""
    from tuntas.reports.declarations import declaration

    declaration(action)  # loads every declaration
    try:
        return _RUNNERS[str(action)]
    except KeyError:
        raise LookupError(f"{action} is not run from input (it has no action function)") from None
