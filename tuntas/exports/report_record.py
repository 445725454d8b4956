"""A single report's full record as a staff document (seed 001: follow-ups are printed
and filed as documentation).

Everything comes from the staff view (``tuntas.reports.staff_view``), the one the
staff report page and the staff API read, so the file shows what the person
downloading it may see on that page: an *anonim* reporter stays hidden from agencies,
internal notes are included (this is a staff document).
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.models import IdentitySurface
from tuntas.exports.document import Cell, Document, KeyValues, Paragraph, Section, Signature, Table
from tuntas.organisations.models import Organisation, Role
from tuntas.reports.models import Report
from tuntas.reports.staff_view import StaffView, staff_view
from tuntas.reports.staff_view.rows import ReportFacts

# Capacities that act for an agency: their copy carries the agency's letterhead.
AGENCY_CAPACITIES = frozenset(
    {Role.LIAISON_OFFICER, Role.LIAISON_ADMIN, Role.AGENCY_HEAD, Role.DIVISION_STAFF}
)
PEMDA_CAPACITIES = frozenset(
    {Role.NATIONAL_ADMIN, Role.COORDINATOR, Role.SECTION_HEAD, Role.DIVISION_HEAD}
    | {Role.REGIONAL_SECRETARY}
)


def _yes_no(value: bool) -> str:
    return _("Ya") if value else _("Tidak")


def letterhead_organisation(f: ReportFacts, caps: frozenset[str]) -> Organisation | None:
    """The lead agency for someone acting only for the agency, else the Pemda."""
    if caps & AGENCY_CAPACITIES and not caps & PEMDA_CAPACITIES and f.lead_agency:
        return f.lead_agency
    return f.pemda


def _particulars(f: ReportFacts) -> KeyValues:
    items: list[tuple[str, Cell]] = [
        (_("Nomor pelacakan"), f.tracking_id),
        (_("Judul"), f.title),
        (_("Status"), f.status_label),
        (_("Status sejak"), f.status_changed_at),
        (_("Klasifikasi"), str(f.classification)),
        (_("Kategori"), str(f.category) if f.category else "—"),
        (_("Kanal"), str(f.channel)),
        (_("Pemerintah daerah"), str(f.pemda) if f.pemda else "—"),
        (_("OPD utama"), str(f.lead_agency) if f.lead_agency else "—"),
        (_("Diterima"), f.created_at),
    ]
    if f.created_by:
        items.append((_("Diinput oleh"), f.created_by))
    items += [
        (_("Diverifikasi"), f.verified_at),
        (_("Disposisi pertama"), f.first_disposed_at),
        (_("Tindak lanjut pertama"), f.first_followup_at),
        (_("Tanggal kejadian"), f.incident_date or "—"),
        (_("Lokasi"), f.location_text or "—"),
        (_("Wilayah"), str(f.region) if f.region else "—"),
    ]
    if f.requested_agency is not None:
        items.append((_("Instansi tujuan (usulan pelapor)"), str(f.requested_agency)))
    if f.forwarded_to:
        items.append((_("Diteruskan ke"), f.forwarded_to))
    if f.escalation:
        items.append((_("Eskalasi"), f.escalation_label))
    if f.archive_reason:
        items.append((_("Alasan arsip"), f.archive_reason_label))
    if f.closed_at is not None:
        items.append((_("Ditutup"), f.closed_at))
        if f.close_reason:
            items.append((_("Alasan penutupan"), f.close_reason_label))
    items += [
        (_("Dikembalikan/dilimpahkan"), f.return_count),
        (_("Dibuka kembali"), f.reopen_count),
    ]
    return KeyValues(_("Data laporan"), items)


def _reporter(v: StaffView) -> KeyValues:
    identity = v.identity
    items: list[tuple[str, Cell]] = [
        (_("Anonim"), _yes_no(v.facts.is_anonymous)),
        (_("Rahasia"), _yes_no(v.facts.is_confidential)),
    ]
    if not identity.shown:
        hidden = _("Dirahasiakan (anonim)") if v.facts.is_anonymous else _("Dirahasiakan")
        items.append((_("Identitas pelapor"), hidden))
    else:
        items += [
            (_("Nama"), identity.name or "—"),
            (_("NIK"), identity.nik or "—"),
            (_("Telepon"), identity.phone or "—"),
            (_("E-mail"), identity.email or "—"),
        ]
        if identity.staff_roles:
            items.append((_("Pelapor adalah petugas"), "; ".join(identity.staff_roles)))
    items.append((_("Keterangan identitas"), identity.reason))
    return KeyValues(_("Pelapor dan privasi"), items)


def _assignments(v: StaffView) -> Table:
    return Table(
        _("Disposisi dan penanganan OPD"),
        [
            _("OPD"),
            _("Peran"),
            _("Status"),
            _("Didisposisikan"),
            _("Oleh"),
            _("Arahan disposisi"),
            _("Diterima"),
            _("Bidang"),
            _("Arahan kepala dinas"),
            _("Berakhir"),
            _("Alasan berakhir"),
        ],
        [
            [
                str(a.agency),
                _("OPD utama") if a.is_lead else _("OPD pendukung"),
                a.state_label,
                a.disposed_at,
                a.disposed_by,
                a.instructions,
                a.accepted_at,
                str(a.division) if a.division else "",
                a.division_instructions,
                a.closed_at,
                a.end_reason,
            ]
            for a in v.assignments
        ],
    )


def _field_checks(v: StaffView) -> Table:
    return Table(
        _("Pemeriksaan lapangan (BA)"),
        [
            _("Nomor Berita Acara"),
            _("Tanggal pemeriksaan"),
            _("OPD"),
            _("Petugas"),
            _("Lokasi"),
            _("Hasil pemeriksaan"),
            _("Kesimpulan dan solusi"),
        ],
        [
            [
                c.ba_number,
                c.visited_on,
                str(c.agency),
                c.officer,
                c.location,
                c.findings,
                c.conclusion,
            ]
            for c in v.field_checks
        ],
    )


def _followups(v: StaffView) -> Table:
    return Table(
        _("Tindak lanjut"),
        [
            _("Status"),
            _("OPD"),
            _("Penyusun"),
            _("Disusun"),
            _("Diperiksa oleh"),
            _("Diperiksa"),
            _("Catatan pemeriksa"),
            _("Disampaikan oleh"),
            _("Disampaikan"),
            _("Isi tindak lanjut"),
        ],
        [
            [
                f.state_label,
                str(f.agency) if f.agency else "",
                f.author,
                f.created_at,
                f.reviewed_by,
                f.reviewed_at,
                f.review_note,
                f.published_by,
                f.published_at,
                f.body,
            ]
            for f in v.followups
        ],
    )


def _feedback(v: StaffView) -> Table:
    return Table(
        _("Tanggapan pelapor"),
        [_("Waktu"), _("Puas"), _("Penilaian (1-5)"), _("Komentar")],
        [
            [
                f.created_at,
                _("Ya (puas)") if f.satisfied else _("Tidak (belum puas)"),
                f.rating,
                f.comment,
            ]
            for f in v.feedback
        ],
    )


def _clocks(v: StaffView) -> Table:
    rows: list[list[Cell]] = []
    for state, group in (
        (_("Berjalan"), v.running_clocks),
        (_("Dijeda"), v.paused_clocks),
        (_("Selesai"), v.finished_clocks),
    ):
        for c in group:
            rows.append(
                [
                    c.step_label,
                    str(c.organisation) if c.organisation else "",
                    f"{c.amount} {c.unit_label}",
                    c.started_at,
                    c.due_at,
                    c.stopped_at,
                    state,
                    c.text,
                ]
            )
    return Table(
        _("Jam layanan (Mutu Baku)"),
        [
            _("Langkah"),
            _("Penanggung jawab"),
            _("Batas waktu"),
            _("Mulai"),
            _("Tenggat"),
            _("Berhenti"),
            _("Keadaan"),
            _("Keterangan"),
        ],
        rows,
    )


def _messages(v: StaffView) -> Table:
    return Table(
        _("Pesan dan catatan"),
        [_("Waktu"), _("Jenis"), _("Penulis"), _("Isi")],
        [[m.created_at, m.kind_label, m.author, m.body] for m in v.messages],
    )


def _timeline(v: StaffView) -> Table:
    return Table(
        _("Riwayat penanganan"),
        [
            _("Waktu"),
            _("Pelaku"),
            _("Sebagai"),
            _("Aksi"),
            _("Dari status"),
            _("Ke status"),
            _("Alasan"),
            _("Terlihat oleh"),
            _("Rincian"),
        ],
        [
            [
                e.at,
                e.actor,
                e.capacity_label,
                e.label,
                e.from_status_label,
                e.to_status_label,
                e.reason,
                e.seen_by,
                "; ".join(f"{label}: {value}" for label, value in e.details),
            ]
            for e in v.timeline
        ],
    )


def _signatures(v: StaffView) -> list[Signature]:
    """The author and approver of the latest published follow-up: who answered for it."""
    published = [f for f in v.followups if f.is_published]
    if not published:
        return []
    latest = max(published, key=lambda f: f.published_at or f.created_at)
    signatures = [Signature(_("Penyusun tindak lanjut"), latest.author, latest.created_at)]
    if latest.reviewed_by:
        signatures.append(
            Signature(
                _("Menyetujui tindak lanjut"),
                latest.reviewed_by,
                latest.reviewed_at,
                note=_("Paraf persetujuan tercatat di Tuntas"),
            )
        )
    return signatures


def report_record(user: User, report: Report, now: datetime) -> Document:
    """The report's full record as seen by ``user`` (who must see it in their staff scope)."""
    v = staff_view(user, report, now=now, surface=IdentitySurface.EXPORT)
    f = v.facts
    sections: list[Section] = [
        _particulars(f),
        Paragraph(_("Isi laporan"), f.description),
        _reporter(v),
        _assignments(v),
        _field_checks(v),
        _followups(v),
        _feedback(v),
        _clocks(v),
        _messages(v),
        _timeline(v),
    ]
    return Document(
        title=_("Berkas Laporan %(tracking_id)s") % {"tracking_id": f.tracking_id},
        subtitle=f.title,
        organisation=letterhead_organisation(f, v.capacities),
        generated_at=now,
        sections=sections,
        signatures=_signatures(v),
        landscape=True,
    )
