"""A single report's full record as a staff document (seed 001: follow-ups are printed
and filed as documentation).

Everything comes from the staff report page's selector (``report_detail``), so the file
shows what the person downloading it may see on that page: an *anonim* reporter stays
hidden from agencies, internal notes are included (this is a staff document).
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.exports.document import Cell, Document, KeyValues, Paragraph, Section, Signature, Table
from tuntas.organisations.models import Organisation, Role
from tuntas.reports.models import DraftState, Report
from tuntas.staff.selectors.detail import ClockRow, ReportDetail, report_detail
from tuntas.standards.models import Unit

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


def _name(user: User | None) -> str:
    return user.display_name if user is not None else ""


def letterhead_organisation(report: Report, caps: set[str]) -> Organisation | None:
    """The lead agency for someone acting only for the agency, else the Pemda."""
    if caps & AGENCY_CAPACITIES and not caps & PEMDA_CAPACITIES and report.lead_agency:
        return report.lead_agency
    return report.pemda


def _particulars(report: Report, d: ReportDetail) -> KeyValues:
    items: list[tuple[str, Cell]] = [
        (_("Nomor pelacakan"), report.tracking_id),
        (_("Judul"), report.title),
        (_("Status"), report.get_status_display()),
        (_("Status sejak"), report.status_changed_at),
        (_("Klasifikasi"), str(report.classification)),
        (_("Kategori"), str(report.category) if report.category else "—"),
        (_("Kanal"), str(report.channel)),
        (_("Pemerintah daerah"), str(report.pemda) if report.pemda else "—"),
        (_("OPD utama"), str(report.lead_agency) if report.lead_agency else "—"),
        (_("Diterima"), report.created_at),
    ]
    if report.created_by is not None:
        items.append((_("Diinput oleh"), _name(report.created_by)))
    items += [
        (_("Diverifikasi"), report.verified_at),
        (_("Disposisi pertama"), report.first_disposed_at),
        (_("Tindak lanjut pertama"), report.first_followup_at),
        (_("Tanggal kejadian"), report.incident_date or "—"),
        (_("Lokasi"), report.location_text or "—"),
        (_("Wilayah"), str(report.region) if report.region else "—"),
    ]
    if report.requested_agency is not None:
        items.append((_("Instansi tujuan (usulan pelapor)"), str(report.requested_agency)))
    if report.forwarded_to:
        items.append((_("Diteruskan ke"), report.forwarded_to))
    if report.escalation:
        items.append((_("Eskalasi"), report.get_escalation_display()))
    if d.archive_reason:
        items.append((_("Alasan arsip"), d.archive_reason))
    if report.closed_at is not None:
        items.append((_("Ditutup"), report.closed_at))
        if d.close_reason:
            items.append((_("Alasan penutupan"), d.close_reason))
    items += [
        (_("Dikembalikan/dilimpahkan"), report.return_count),
        (_("Dibuka kembali"), report.reopen_count),
    ]
    return KeyValues(_("Data laporan"), items)


def _reporter(report: Report, d: ReportDetail) -> KeyValues:
    items: list[tuple[str, Cell]] = [
        (_("Anonim"), _yes_no(report.is_anonymous)),
        (_("Rahasia"), _yes_no(report.is_confidential)),
    ]
    if not d.show_identity:
        items.append((_("Identitas pelapor"), _("Dirahasiakan (anonim)")))
    elif report.reporter is not None:
        items += [
            (_("Nama"), report.reporter.display_name),
            (_("NIK"), report.reporter.nik or "—"),
            (_("Telepon"), report.reporter.phone or "—"),
            (_("E-mail"), report.reporter.email or "—"),
        ]
    else:
        items += [
            (_("Nama"), report.reporter_name or "—"),
            (_("NIK"), report.reporter_nik or "—"),
            (_("Telepon"), report.reporter_phone or "—"),
            (_("E-mail"), report.reporter_email or "—"),
        ]
    return KeyValues(_("Pelapor dan privasi"), items)


def _assignments(d: ReportDetail) -> Table:
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
                a.get_state_display(),
                a.disposed_at,
                _name(a.disposed_by),
                a.instructions,
                a.accepted_at,
                str(a.division) if a.division else "",
                a.division_instructions,
                a.closed_at,
                a.end_reason,
            ]
            for a in d.assignments
        ],
    )


def _field_checks(d: ReportDetail) -> Table:
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
                _name(c.officer),
                c.location,
                c.findings,
                c.conclusion,
            ]
            for c in d.field_checks
        ],
    )


def _followups(d: ReportDetail) -> Table:
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
                f.get_state_display(),
                str(f.agency) if f.agency else "",
                _name(f.author),
                f.created_at,
                _name(f.reviewed_by),
                f.reviewed_at,
                f.review_note,
                _name(f.published_by),
                f.published_at,
                f.body,
            ]
            for f in d.followups
        ],
    )


def _feedback(d: ReportDetail) -> Table:
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
            for f in d.feedback
        ],
    )


def _limit(row: ClockRow) -> str:
    return f"{row.clock.amount} {Unit(row.clock.unit).label}"


def _clocks(d: ReportDetail) -> Table:
    rows: list[list[Cell]] = []
    for state, group in (
        (_("Berjalan"), d.running_clocks),
        (_("Dijeda"), d.paused_clocks),
        (_("Selesai"), d.finished_clocks),
    ):
        for row in group:
            clock = row.clock
            rows.append(
                [
                    row.step,
                    str(clock.organisation) if clock.organisation else "",
                    _limit(row),
                    clock.started_at,
                    clock.due_at,
                    clock.stopped_at,
                    state,
                    row.text,
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


def _messages(d: ReportDetail) -> Table:
    return Table(
        _("Pesan dan catatan"),
        [_("Waktu"), _("Jenis"), _("Penulis"), _("Isi")],
        [
            [row.message.created_at, row.message.get_kind_display(), row.author, row.message.body]
            for row in d.messages
        ],
    )


def _timeline(d: ReportDetail) -> Table:
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
                e.capacity,
                e.action,
                e.from_status,
                e.to_status,
                e.reason,
                e.visibility,
                "; ".join(f"{label}: {value}" for label, value in e.details),
            ]
            for e in d.timeline
        ],
    )


def _signatures(d: ReportDetail) -> list[Signature]:
    """The author and approver of the latest published follow-up: who answered for it."""
    published = [f for f in d.followups if f.state == DraftState.PUBLISHED]
    if not published:
        return []
    latest = max(published, key=lambda f: f.published_at or f.created_at)
    signatures = [Signature(_("Penyusun tindak lanjut"), _name(latest.author), latest.created_at)]
    if latest.reviewed_by is not None:
        signatures.append(
            Signature(
                _("Menyetujui tindak lanjut"),
                _name(latest.reviewed_by),
                latest.reviewed_at,
                note=_("Paraf persetujuan tercatat di Tuntas"),
            )
        )
    return signatures


def report_record(user: User, report: Report, now: datetime) -> Document:
    """The report's full record as seen by ``user`` (who must be able to see the report)."""
    d = report_detail(user, report, now)
    sections: list[Section] = [
        _particulars(report, d),
        Paragraph(_("Isi laporan"), report.description),
        _reporter(report, d),
        _assignments(d),
        _field_checks(d),
        _followups(d),
        _feedback(d),
        _clocks(d),
        _messages(d),
        _timeline(d),
    ]
    return Document(
        title=_("Berkas Laporan %(tracking_id)s") % {"tracking_id": report.tracking_id},
        subtitle=report.title,
        organisation=letterhead_organisation(report, d.caps),
        generated_at=now,
        sections=sections,
        signatures=_signatures(d),
        landscape=True,
    )
