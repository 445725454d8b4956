"""Indonesian mobile numbers in the one form the WhatsApp and SMS channels use."""

from __future__ import annotations

import re

from tuntas.core.phones import international_digits

# What people type as a number: an optional plus, digits, spaces, dashes, dots, brackets.
_TYPED = re.compile(r"\+?[0-9\s\-.()/]*")
# 62, then a mobile prefix 8xx, then 7 to 10 more digits (10-13 digit numbers as 08…).
_MOBILE = re.compile(r"628[1-9][0-9]{7,10}")


def normalise_phone(raw: str) -> str | None:
    """``"0812-3456-7890"`` → ``"6281234567890"``; None when it is no Indonesian mobile number.

    Accepts the forms people write: ``08…``, ``+62 8…``, ``62 8…``, ``0062 8…`` and
    ``8…``. The result is E.164 without the leading ``+`` (as the WhatsApp API takes it).
    """
    text = (raw or "").strip()
    if not _TYPED.fullmatch(text):
        return None
    digits = international_digits(text)
    return digits if _MOBILE.fullmatch(digits) else None
