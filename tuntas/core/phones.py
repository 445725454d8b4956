"""Phone numbers in one canonical form: digits with the country code, without the plus."""

from __future__ import annotations

import re

_NOT_DIGIT = re.compile(r"[^0-9]")
# What a person may type as a phone number (every form, the API, intake).
PHONE_RE = re.compile(r"^\+?[0-9 ]{8,20}$")


def international_digits(raw: str) -> str:
    """``0812-3456-7890``, ``+62 812…``, ``0062 812…`` and ``812…`` → ``62812…``; numbers
    of other countries keep their country code. "" unless 8 to 15 digits remain."""
    text = (raw or "").strip()
    digits = _NOT_DIGIT.sub("", text)
    if text.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    return digits if 8 <= len(digits) <= 15 else ""
