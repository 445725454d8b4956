"""Words of the staff view: capacities, close reasons, who may read an event, and the
details an audit event carries."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.audit.models import AuditEvent
from tuntas.organisations.models import Role
from tuntas.reports.disclosure import SUPPORTING_AGENCY, Audience, Readers
from tuntas.reports.transitions import REPORTER, SYSTEM

# Keys of an audit event's data that hold an organisation id, and how to label them.
ORG_KEYS: dict[str, Any] = {
    "pemda": gettext_lazy("Pemerintah daerah"),
    "from_pemda": gettext_lazy("Dari pemerintah daerah"),
    "to_pemda": gettext_lazy("Ke pemerintah daerah"),
    "from_agency": gettext_lazy("Dari OPD"),
    "lead": gettext_lazy("OPD utama"),
}
TEXT_KEYS: dict[str, Any] = {
    "agency_names": gettext_lazy("OPD"),
    "agency_name": gettext_lazy("OPD"),
    "to_agency_name": gettext_lazy("OPD tujuan"),
    "division_name": gettext_lazy("Bidang"),
    "ba_number": gettext_lazy("Nomor Berita Acara"),
    "to": gettext_lazy("Tujuan"),
    "channel": gettext_lazy("Kanal"),
    "rating": gettext_lazy("Penilaian"),
    "reason_code": gettext_lazy("Kode alasan"),
    "classification": gettext_lazy("Klasifikasi"),
    "is_anonymous": gettext_lazy("Anonim"),
    "is_confidential": gettext_lazy("Rahasia"),
    "solved": gettext_lazy("Sudah selesai saat diinput"),
    "ping_pong": gettext_lazy("Bolak-balik disposisi"),
}


def capacity_label(value: str) -> str:
    if value == REPORTER:
        return _("Pelapor")
    if value == SYSTEM:
        return _("Sistem")
    if value == SUPPORTING_AGENCY:
        return _("OPD pendukung")
    return str(Role(value).label) if value in Role.values else value


def seen_by_label(readers: Readers) -> str:
    """Who reads an event besides staff (``disclosure.readers``), and who reads its note
    where that differs: a disposition is public, its instructions are between staff; a
    verification is public, its note goes to the reporter."""
    step = readers.step
    if step is None:
        return _("Hanya petugas")
    if not readers.has_note or readers.note == step:
        if step == Audience.PUBLIC:
            return _("Publik, pelapor dan petugas")
        return _("Pelapor dan petugas")
    if step == Audience.PUBLIC and readers.note == Audience.REPORTER:
        return _("Publik, pelapor dan petugas; catatannya hanya pelapor dan petugas")
    if step == Audience.PUBLIC:
        return _("Publik, pelapor dan petugas; catatannya hanya petugas")
    return _("Pelapor dan petugas; catatannya hanya petugas")


def _plain(value: object) -> str:
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def organisation_ids(events: list[AuditEvent]) -> set[int]:
    """The organisations the events' details name by id (read them in one query)."""
    return {
        v
        for e in events
        if isinstance(e.data, dict)
        for k, v in e.data.items()
        if k in ORG_KEYS and isinstance(v, int)
    }


def event_details(event: AuditEvent, names: dict[int, str]) -> tuple[tuple[str, str], ...]:
    """The labelled details an event's data holds (organisations by name)."""
    data = event.data if isinstance(event.data, dict) else {}
    out: list[tuple[str, str]] = []
    for key, value in data.items():
        if value in (None, "", []):
            continue
        if key in ORG_KEYS and isinstance(value, int):
            out.append((str(ORG_KEYS[key]), names.get(value, str(value))))
        elif key in TEXT_KEYS:
            out.append((str(TEXT_KEYS[key]), _plain(value)))
    return tuple(out)
