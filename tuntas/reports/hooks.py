"""After a report changes: one typed ``ReportChange`` per change, to every subscriber.

``change_status`` (one report) and the clock sweep (``sweep.batch.act_as_system``,
hundreds of reports at once) publish a ``ReportChange`` for every change, inside the
action's transaction, once the status, the audit event and the clocks are written.
Subscribers register in their ``AppConfig.ready()``, so reports imports none of them:

* ``notify``: the people concerned (``tuntas.reports.notify``);
* ``webhooks``: the subscribers' signed events (``tuntas.webhooks.events``);
* ``federation``: the status back to the deployment a report came from
  (``tuntas.federation.sync``).

Changes are published within a ``ChangeBatch``. When a batch opens, each subscriber makes
one listener for it; the listener hears every change of the batch (``changed``) and is
flushed once when the batch closes (``flush``), still inside the transaction. So the sweep
looks up webhook subscriptions once per batch and writes its outbox rows in one insert;
a one-report action is a batch of one. A batch left by an exception flushes nothing (the
transaction rolls back anyway).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Protocol

from tuntas.accounts.models import User
from tuntas.audit.models import Visibility
from tuntas.reports.models import Report
from tuntas.reports.transitions import Action
from tuntas.standards.models import Step


@dataclass(frozen=True)
class ChangeContext:
    """What the action knows about who is concerned, beyond the report itself."""

    # The agencies the action addressed (a disposition, a transfer); else the lead agency.
    agency_ids: tuple[int, ...] = ()
    # The division handling the report (its staff hear about some actions).
    division_id: int | None = None
    # The authors of a draft sent back to them.
    authors: tuple[User, ...] = ()
    # The step a reminder or an overdue notice is about, and its deadline as people read it.
    step: Step | None = None
    due_label: str = ""


@dataclass(frozen=True)
class ReportChange:
    """One change of one report, as the action made it."""

    report: Report
    action: Action
    actor: User | None  # None: the system, or a reporter proven by access code
    now: datetime
    reason: str  # the whole reason (staff may read it)
    reporter_reason: str  # the part of it the reporter may read ("" for staff notes)
    visibility: Visibility  # who may read the change's audit event
    context: ChangeContext
    batch: ChangeBatch

    @property
    def key(self) -> str:
        """The change's identity: the same change always gives the same key, from which
        subscribers derive their outbox keys (offering it twice queues nothing new)."""
        step = str(self.context.step) if self.context.step is not None else ""
        return f"{self.report.pk}:{self.action}:{step}:{self.now.isoformat()}"


class Listener(Protocol):
    """A subscriber's listener for one batch."""

    def changed(self, change: ReportChange) -> None: ...

    def flush(self) -> None: ...


Subscriber = Callable[["ChangeBatch"], Listener]

_subscribers: dict[str, Subscriber] = {}


def subscribe(name: str, subscriber: Subscriber) -> None:
    """Call ``subscriber(batch)`` for a listener whenever a batch opens (from an app's
    ``ready()``). Subscribing again under the same name replaces the subscriber."""
    _subscribers[name] = subscriber


def unsubscribe(name: str) -> None:
    _subscribers.pop(name, None)


def subscriber_names() -> tuple[str, ...]:
    return tuple(_subscribers)


class ChangeBatch:
    """The changes of one transaction: publish each, then flush once (a context manager
    that flushes when its block ends without an exception)."""

    def __init__(self, now: datetime):
        self.now = now
        self._listeners = [make(self) for make in _subscribers.values()]
        self.changes = 0

    def publish(
        self,
        report: Report,
        action: Action,
        *,
        actor: User | None,
        now: datetime,
        reason: str,
        reporter_reason: str,
        visibility: Visibility,
        context: ChangeContext | None = None,
    ) -> ReportChange:
        change = ReportChange(
            report=report,
            action=action,
            actor=actor,
            now=now,
            reason=reason,
            reporter_reason=reporter_reason,
            visibility=visibility,
            context=context or ChangeContext(),
            batch=self,
        )
        for listener in self._listeners:
            listener.changed(change)
        self.changes += 1
        return change

    def flush(self) -> None:
        for listener in self._listeners:
            listener.flush()

    def __enter__(self) -> ChangeBatch:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.flush()
