"""How an outbox event reads on the staff pages.

The outbox knows its own events (the daily digest); an app whose actions queue
messages registers how its event names read (``register_event_labels``, from its
``AppConfig.ready()``: the reports register their actions' labels). The outbox imports
no feature app.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from tuntas.outbox.models import DIGEST_EVENT

# Each returns the label of an event value, or the value itself when it does not know it.
_lookups: list[Callable[[str], str]] = []


def register_event_labels(lookup: Callable[[str], str]) -> None:
    if lookup not in _lookups:
        _lookups.append(lookup)


def event_label(value: str) -> str:
    """The event's label (``verify`` → "Verifikasi"), the digest's, or the value itself."""
    if value == DIGEST_EVENT:
        return _("Ringkasan harian")
    for lookup in _lookups:
        label = lookup(value)
        if label != value:
            return label
    return value
