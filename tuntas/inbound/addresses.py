"""Who sent a message and which report it names: phone numbers, e-mail addresses,
tracking IDs."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from tuntas.reports.actions.intake import TRACKING_ALPHABET

# ``LPR-2611-ABCDEF`` as issued by ``new_tracking_id``; case-insensitive, word-bounded.
TRACKING_ID_RE = re.compile(
    rf"(?<![A-Za-z0-9])LPR-\d{{4}}-[{TRACKING_ALPHABET}]{{6}}(?![A-Za-z0-9])", re.IGNORECASE
)


def normalise_phone(value: str) -> str:
    """An Indonesian-style E.164 number without the plus (``62812...``), or "".

    ``0812...``, ``+62 812-...``, ``0062812...`` and ``812...`` all become ``62812...``;
    numbers of other countries keep their country code.
    """
    raw = value.strip()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    return digits if 8 <= len(digits) <= 15 else ""


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
