"""Messages about a person's own account (password reset, registration, two-factor
changes), handed to whoever delivers messages.

Accounts sit below the outbox (the outbox addresses ``User``s), so they do not import it:
the outbox registers its writer here in its ``AppConfig.ready()`` (``deliver_with``), and
``send_account_message`` hands it each message inside the caller's transaction, so a
message is queued only if the change that caused it commits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from tuntas.accounts.models import User


@dataclass(frozen=True)
class AccountMessage:
    event: str  # what happened, e.g. "password_reset" (also the outbox's event name)
    now: datetime
    subject: str
    body: str
    link: str = ""
    users: Sequence[User] = field(default=())  # in the app and by their preferences
    emails: Sequence[str] = field(default=())  # straight to an address


Deliverer = Callable[[AccountMessage], object]
_deliverer: Deliverer | None = None


def deliver_with(deliverer: Deliverer) -> None:
    """Register the writer of account messages (the outbox does, at start-up)."""
    global _deliverer
    _deliverer = deliverer


def send_account_message(message: AccountMessage) -> None:
    if _deliverer is None:
        raise RuntimeError("no deliverer of account messages is registered (tuntas.outbox)")
    _deliverer(message)
