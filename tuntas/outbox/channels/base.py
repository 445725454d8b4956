"""The one interface every delivery channel implements (healthchecks.io style)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from tuntas.outbox.models import OutboxMessage


class TransportError(Exception):
    """Delivery failed. ``permanent``: retrying cannot help (the message goes DEAD at
    once); otherwise the worker retries with exponential backoff."""

    def __init__(self, message: str, permanent: bool = False):
        super().__init__(message)
        self.message = message
        self.permanent = permanent


class Transport:
    """Sends one outbox message on one channel; raises ``TransportError`` on failure.

    ``send`` may be called more than once for the same message (a worker killed after
    sending but before recording it): transports pass ``message.idempotency_key`` on
    so that the receiving side can drop the repeat.
    """

    channel: ClassVar[str]

    @classmethod
    def is_configured(cls) -> bool:
        """Whether the deployment set this channel up; unconfigured channels get no rows."""
        return True

    def send(self, message: OutboxMessage) -> None:
        raise NotImplementedError
