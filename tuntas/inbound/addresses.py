"""Who sent a message and which report it names: e-mail addresses and tracking IDs
(phone numbers: ``tuntas.core.phones.international_digits``)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from tuntas.reports.actions.intake import TRACKING_ALPHABET

# ``LPR-2611-ABCDEF`` as issued by ``new_tracking_id``; case-insensitive, word-bounded.
TRACKING_ID_RE = re.compile(
    rf"(?<![A-Za-z0-9])LPR-\d{{4}}-[{TRACKING_ALPHABET}]{{6}}(?![A-Za-z0-9])", re.IGNORECASE
)


def normalise_email(value: str) -> str:
    """A lower-cased e-mail address, or "" when it is not one."""
    address = value.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def find_tracking_id(text: str) -> re.Match[str] | None:
    return TRACKING_ID_RE.search(text)
