"""Indonesian mobile numbers in the one form the WhatsApp and SMS channels use."""

from __future__ import annotations

import re

# Separators people type inside a number: spaces, dashes, dots, brackets.
_SEPARATORS = re.compile(r"[\s\-.()/]")
# 62, then a mobile prefix 8xx, then 7 to 10 more digits (10-13 digit numbers as 08…).
_MOBILE = re.compile(r"628[1-9][0-9]{7,10}")


def normalise_phone(raw: str) -> str | None:
    """``"0812-3456-7890"`` → ``"6281234567890"``; None when it is no Indonesian mobile number.

    Accepts the forms people write: ``08…``, ``+62 8…``, ``62 8…``, ``0062 8…`` and
    ``8…``. The result is E.164 without the leading ``+`` (as the WhatsApp API takes it).
    """
    digits = _SEPARATORS.sub("", raw or "")
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    elif digits.startswith("8"):
        digits = "62" + digits
    if not digits.isdigit() or not _MOBILE.fullmatch(digits):
        return None
    return digits
