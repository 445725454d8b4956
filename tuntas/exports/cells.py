"""Cell values shared by every renderer: local time, neutralised formulas, display text."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, tzinfo
from decimal import Decimal

from django.conf import settings
from django.utils import formats, timezone

from tuntas.exports.document import Cell, Document

# A spreadsheet reads a text cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula, so it stays text."""
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def document_zone(document: Document) -> tzinfo:
    """The time zone the document's times are shown in: its organisation's, else the site's."""
    name = document.organisation.timezone if document.organisation else settings.TIME_ZONE
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_naive(value: datetime, zone: tzinfo) -> datetime:
    """A datetime as wall-clock time in ``zone`` without tzinfo (spreadsheets have no zones)."""
    if timezone.is_aware(value):
        value = value.astimezone(zone)
    return value.replace(tzinfo=None, microsecond=0)


def display(value: Cell, zone: tzinfo) -> str:
    """Human text for a cell in the active language (PDF)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime):
        return formats.date_format(local_naive(value, zone), "j M Y H:i")
    if isinstance(value, date):
        return formats.date_format(value, "j M Y")
    if isinstance(value, (int, float, Decimal)):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return str(value)
