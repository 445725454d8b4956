"""Cell values shared by every renderer: local time, neutralised formulas, display text."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, tzinfo
from decimal import Decimal

from django.conf import settings
from django.utils import formats, timezone

from tuntas.exports.document import Cell, Document
from tuntas.organisations.models import Organisation, OrganisationKind, TimeZoneName

DEFAULT_ZONE = TimeZoneName.WIB.value

# A spreadsheet reads a text cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would run as a formula, so it stays text."""
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def organisation_zone_name(organisation: Organisation | None) -> str:
    """The zone an organisation keeps time in: its own, or (an agency still on the default
    WIB) its Pemda's, as the working calendars do; the site's without an organisation."""
    if organisation is None:
        return str(settings.TIME_ZONE)
    own = organisation.timezone or DEFAULT_ZONE
    if own == DEFAULT_ZONE and organisation.kind != OrganisationKind.PEMDA:
        pemda = organisation.get_pemda()
        if pemda is not None and pemda.timezone:
            return pemda.timezone
    return own


def document_zone(document: Document) -> tzinfo:
    """The time zone the document's times are shown in: its organisation's (the Pemda's
    for an agency without its own), else the site's."""
    name = organisation_zone_name(document.organisation)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


#: Indonesia's zones by their usual names (what a document prints after a time).
ZONE_LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_label(zone: tzinfo) -> str:
    """``WIB``, ``WITA`` or ``WIT`` for Indonesia's zones; the zone's name otherwise."""
    name = getattr(zone, "key", None) or str(zone)
    return ZONE_LABELS.get(name, name)


def local_text(value: datetime, zone: tzinfo, pattern: str = "j M Y H:i") -> str:
    """A moment as local wall-clock text with its zone: ``1 Okt 2026 10:00 WITA``."""
    return f"{formats.date_format(local_naive(value, zone), pattern)} {zone_label(zone)}"


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
