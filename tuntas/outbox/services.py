"""Messages for people (in-app, e-mail, WhatsApp, SMS), decided per recipient.

``Composer`` (and ``enqueue`` for one event) decide the rows from each person's
preferences and the deployment's channels, and write them through the outbox's one
writer (``tuntas.outbox.queue.queue``). Delivery lives in ``tuntas.outbox.delivery`` and
is re-exported here (``deliver_one``, ``deliver_due``).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from tuntas.accounts.messages import AccountMessage
from tuntas.accounts.models import User
from tuntas.outbox.channels import is_enabled
from tuntas.outbox.delivery import MAX_ATTEMPTS, deliver_due, deliver_one
from tuntas.outbox.models import DeliveryChannel, NotificationPreference
from tuntas.outbox.phones import normalise_phone
from tuntas.outbox.preferences import preferences_for
from tuntas.outbox.queue import (
    KEY_LENGTH,
    ROW_FIELDS,
    OutgoingMessage,
    kick_worker,
    queue,
    row_key,
)

logger = logging.getLogger(__name__)
# The choices of everyone who never changed them (read only).
DEFAULT_PREFERENCE = NotificationPreference()

__all__ = [
    "KEY_LENGTH",
    "MAX_ATTEMPTS",
    "ROW_FIELDS",
    "Composer",
    "OutgoingMessage",
    "deliver_due",
    "deliver_one",
    "enqueue",
    "kick_worker",
    "queue",
    "row_key",
]


@dataclass
class _Event:
    """One ``add`` call, kept until ``save`` knows everyone's preferences."""

    event: str
    subject: str
    body: str
    key: str
    link: str
    report_id: int | None
    users: list[User]
    emails: list[str]
    whatsapp_numbers: list[str]
    sms_numbers: list[str]
    whatsapp_groups: list[str]


@dataclass
class _Channels:
    """Which optional channels this deployment has (read once per ``save``)."""

    whatsapp: bool
    sms: bool

    @classmethod
    def now(cls) -> _Channels:
        return cls(is_enabled(DeliveryChannel.WHATSAPP), is_enabled(DeliveryChannel.SMS))


@dataclass
class _Messages:
    """The messages of one ``save``: a sweep queues tens of thousands of them."""

    items: list[OutgoingMessage] = field(default_factory=list)

    def append(
        self, ev: _Event, channel: str, target: object, *, user: User | None, address: str = ""
    ) -> None:
        self.items.append(
            OutgoingMessage(
                channel=channel,
                target=target,
                key=ev.key,
                event=ev.event,
                subject=ev.subject,
                body=ev.body,
                address=address,
                recipient_id=user.pk if user is not None else None,
                report_id=ev.report_id,
                link=ev.link,
            )
        )


class Composer:
    """Collects the messages of one or many events, then writes them in one go.

    ``add`` records who should hear what; ``save`` loads the preferences of every
    user recipient in one query, decides each one's channels and bulk-creates all
    rows in one insert inside the caller's transaction. Batch callers (the clock
    sweep) add the messages of hundreds of reports and save once.
    """

    def __init__(self, now: datetime):
        self.now = now
        self._events: list[_Event] = []

    def add(
        self,
        *,
        event: str,
        subject: str,
        body: str,
        key: str,
        link: str = "",
        report_id: int | None = None,
        users: Iterable[User] = (),
        emails: Iterable[str] = (),
        whatsapp_numbers: Iterable[str] = (),
        sms_numbers: Iterable[str] = (),
        whatsapp_groups: Iterable[str] = (),
    ) -> None:
        """Queue one event for these recipients.

        Users get the in-app notification plus every channel their preferences enable
        and their account has an address for (e-mail: ``user.email``; WhatsApp/SMS:
        ``user.phone``). ``emails``, ``whatsapp_numbers`` and ``sms_numbers`` are
        addresses of people without an account (one row each; WhatsApp/SMS only when
        that channel is configured, invalid numbers are skipped); ``whatsapp_groups``
        are agencies' WhatsApp group ids. ``key`` identifies the event: each row's
        idempotency key is derived from it, so adding the same event twice (in this
        composer or in an earlier transaction) queues nothing new.
        """
        self._events.append(
            _Event(
                event=event,
                subject=subject,
                body=body,
                key=key,
                link=link,
                report_id=report_id,
                users=list({u.pk: u for u in users}.values()),
                emails=list(emails),
                whatsapp_numbers=list(whatsapp_numbers),
                sms_numbers=list(sms_numbers),
                whatsapp_groups=list(whatsapp_groups),
            )
        )

    def messages(self) -> list[OutgoingMessage]:
        """The messages of every event added so far (reads everyone's preferences in one
        query), and forgets the events."""
        if not self._events:
            return []
        prefs = preferences_for(u.pk for ev in self._events for u in ev.users)
        channels = _Channels.now()
        out = _Messages()
        for ev in self._events:
            _collect(ev, out, prefs, channels)
        self._events = []
        return out.items

    def save(self) -> int:
        """Queue the collected messages (``queue``: keys already stored are skipped) and
        wake the worker; returns how many distinct messages were offered (duplicates of
        stored keys included)."""
        messages = self.messages()
        if not messages:
            return 0
        queue(messages, now=self.now)
        return len({m.idempotency_key for m in messages})


def _collect(
    ev: _Event, rows: _Messages, prefs: dict[int, NotificationPreference], channels: _Channels
) -> None:
    # Addresses that belong to an account: the loose lists never reach them again,
    # so someone who switched a channel off is not reached through the back door.
    taken: set[tuple[str, str]] = set()
    for user in ev.users:
        pref = prefs.get(user.pk) or DEFAULT_PREFERENCE
        rows.append(ev, DeliveryChannel.IN_APP, user.pk, user=user)
        email = user.email.strip()
        if email:
            taken.add((DeliveryChannel.EMAIL, email.lower()))
            if pref.email:
                rows.append(ev, DeliveryChannel.EMAIL, email.lower(), user=user, address=email)
        phone = normalise_phone(user.phone)
        if phone:
            taken.add((DeliveryChannel.WHATSAPP, phone))
            taken.add((DeliveryChannel.SMS, phone))
            if pref.whatsapp and channels.whatsapp:
                rows.append(ev, DeliveryChannel.WHATSAPP, phone, user=user, address=phone)
            if pref.sms and channels.sms:
                rows.append(ev, DeliveryChannel.SMS, phone, user=user, address=phone)
    for raw in ev.emails:
        email = (raw or "").strip()
        if email and (DeliveryChannel.EMAIL, email.lower()) not in taken:
            rows.append(ev, DeliveryChannel.EMAIL, email.lower(), user=None, address=email)
    for channel, numbers, enabled in (
        (DeliveryChannel.WHATSAPP, ev.whatsapp_numbers, channels.whatsapp),
        (DeliveryChannel.SMS, ev.sms_numbers, channels.sms),
    ):
        if not enabled:
            continue
        for raw in numbers:
            number = normalise_phone(raw)
            if number and (channel, number) not in taken:
                rows.append(ev, channel, number, user=None, address=number)
    if channels.whatsapp:
        for raw in ev.whatsapp_groups:
            group = (raw or "").strip()
            if group:
                rows.append(ev, DeliveryChannel.WHATSAPP_GROUP, group, user=None, address=group)


def enqueue(
    *,
    event: str,
    now: datetime,
    subject: str,
    body: str,
    link: str = "",
    report_id: int | None = None,
    users: Iterable[User] = (),
    emails: Iterable[str] = (),
    whatsapp_numbers: Iterable[str] = (),
    sms_numbers: Iterable[str] = (),
    whatsapp_groups: Iterable[str] = (),
    key: str | None = None,
) -> int:
    """Queue the messages of one event (see ``Composer.add``); returns the rows offered."""
    composer = Composer(now)
    composer.add(
        event=event,
        subject=subject,
        body=body,
        key=key or uuid.uuid4().hex,
        link=link,
        report_id=report_id,
        users=users,
        emails=emails,
        whatsapp_numbers=whatsapp_numbers,
        sms_numbers=sms_numbers,
        whatsapp_groups=whatsapp_groups,
    )
    return composer.save()


def queue_account_message(message: AccountMessage) -> int:
    """Queue a message about a person's own account (``accounts.messages``)."""
    return enqueue(
        event=message.event,
        now=message.now,
        subject=message.subject,
        body=message.body,
        link=message.link,
        users=message.users,
        emails=message.emails,
    )
