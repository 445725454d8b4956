"""Form widgets whose value a browser's own date picker accepts.

``<input type="date">`` takes only ``YYYY-MM-DD``, whatever the interface language; the
browser shows the date in the user's own format. Django's ``DateInput`` renders the
active locale's input format (``30-08-2026`` in Indonesian), which the browser throws
away, so an edit form would come back with an empty date. Every date input of the
product uses this widget (``tests/core/test_widgets.py`` keeps it so).
"""

from __future__ import annotations

from typing import Any

from django import forms

ISO_DATE = "%Y-%m-%d"


class IsoDateInput(forms.DateInput):
    """``<input type="date">`` with its value always written as ``YYYY-MM-DD``."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, ISO_DATE)
