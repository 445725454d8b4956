"""Reading Open311 request parameters: jurisdiction, W3C dates, status lists.

Every refusal is an ``Open311Error`` carrying the HTTP status and the descriptions the
spec's error list shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from tuntas.organisations.models import Organisation, OrganisationKind

MAX_SPAN = timedelta(days=90)
MAX_RESULTS = 1000
OPEN = "open"
CLOSED = "closed"

# W3C date-time (https://www.w3.org/TR/NOTE-datetime) with the time zone the spec requires.
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")


class Open311Error(Exception):
    """A refused request: HTTP ``status`` and one or more descriptions for people."""

    def __init__(self, status: int, *descriptions: str, headers: dict[str, str] | None = None):
        super().__init__("; ".join(descriptions))
        self.status = status
        self.descriptions = list(descriptions)
        self.headers = headers or {}


def text(params: Mapping[str, str], name: str) -> str:
    """A parameter's value, stripped; absent and empty are the same ("optional" in the spec)."""
    return (params.get(name) or "").strip()


def active_pemdas() -> list[Organisation]:
    return list(Organisation.objects.filter(kind=OrganisationKind.PEMDA, is_active=True)[:2])


def jurisdiction(params: Mapping[str, str]) -> Organisation:
    """The Pemda named by ``jurisdiction_id`` (its organisation code).

    Optional when the deployment serves a single Pemda; otherwise missing is 400 and
    unknown is 404, as the spec says.
    """
    code = text(params, "jurisdiction_id")
    if not code:
        pemdas = active_pemdas()
        if len(pemdas) == 1:
            return pemdas[0]
        raise Open311Error(
            400,
            _(
                "jurisdiction_id wajib diisi: layanan ini melayani beberapa pemerintah "
                "daerah. Gunakan kode pemerintah daerah (lihat discovery)."
            ),
        )
    pemda = Organisation.objects.filter(
        kind=OrganisationKind.PEMDA, is_active=True, code=code
    ).first()
    if pemda is None:
        raise Open311Error(
            404, _("jurisdiction_id %(code)s tidak ditemukan.") % {"code": code[:80]}
        )
    return pemda


def w3c_datetime(value: str, name: str) -> datetime:
    """A W3C date-time with its time zone (e.g. 2026-01-01T00:00:00Z), or 400."""
    if W3C_DATETIME.match(value):
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
    raise Open311Error(
        400,
        _(
            "%(name)s harus berformat tanggal-waktu W3C dengan zona waktu, "
            "misalnya 2026-01-01T00:00:00Z."
        )
        % {"name": name},
    )


def date_range(params: Mapping[str, str], now: datetime) -> tuple[datetime, datetime]:
    """``start_date``/``end_date``: by default the last 90 days; never more than 90 days."""
    start_raw, end_raw = text(params, "start_date"), text(params, "end_date")
    start = w3c_datetime(start_raw, "start_date") if start_raw else None
    end = w3c_datetime(end_raw, "end_date") if end_raw else None
    if start is None and end is None:
        return now - MAX_SPAN, now
    if start is None:
        assert end is not None
        return end - MAX_SPAN, end
    if end is None:
        return start, start + MAX_SPAN
    if end < start:
        raise Open311Error(400, _("end_date tidak boleh sebelum start_date."))
    if end - start > MAX_SPAN:
        raise Open311Error(400, _("Rentang start_date sampai end_date paling lama 90 hari."))
    return start, end


def comma_list(params: Mapping[str, str], name: str) -> list[str]:
    return [item.strip() for item in text(params, name).split(",") if item.strip()]


def statuses(params: Mapping[str, str]) -> set[str]:
    """The ``status`` filter (open, closed; comma separated); empty means all."""
    wanted = {s.lower() for s in comma_list(params, "status")}
    unknown = wanted - {OPEN, CLOSED}
    if unknown:
        raise Open311Error(
            400,
            _("status tidak dikenal: %(values)s. Pilihan: open, closed.")
            % {"values": ", ".join(sorted(unknown))[:200]},
        )
    return wanted
