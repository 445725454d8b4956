"""How an outbox event reads on the staff pages."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tuntas.outbox.models import DIGEST_EVENT
from tuntas.reports.selectors import action_label


def event_label(value: str) -> str:
    """The action's label (``verify`` → "Verifikasi"), the digest's, or the value itself."""
    if value == DIGEST_EVENT:
        return _("Ringkasan harian")
    return action_label(value)
