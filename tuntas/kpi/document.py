"""The dashboard as an export ``Document`` (XLSX, PDF, CSV): the same rows as the page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.exports.cells import local_text, organisation_zone_name
from tuntas.exports.document import Cell, Document, KeyValues, Paragraph, Table
from tuntas.kpi.dashboard import Compliance, Dashboard
from tuntas.kpi.selectors import KpiRow
from tuntas.organisations.models import Organisation


def row_headers(first: str) -> list[str]:
    return [
        first,
        _("Jumlah laporan"),
        _("Perlu ditindaklanjuti"),
        _("Ditindaklanjuti"),
        _("Ditindaklanjuti (%)"),
        _("Tepat waktu (%)"),
        _("Rata-rata HK verifikasi"),
        _("Median HK verifikasi"),
        _("Rata-rata HK disposisi"),
        _("Median HK disposisi"),
        _("Rata-rata HK jawaban pertama"),
        _("Median HK jawaban pertama"),
        _("Rata-rata HK selesai"),
        _("Median HK selesai"),
        _("Eskalasi"),
        _("Ke Ombudsman"),
        _("Pelapor puas (%)"),
        _("Dibuka kembali (%)"),
    ]


def row_cells(row: KpiRow) -> list[Cell]:
    return [
        row.label,
        row.total,
        row.needs_followup,
        row.followed_up,
        row.pct_followed_up,
        row.pct_within_limit,
        row.averages.get("verify"),
        row.medians.get("verify"),
        row.averages.get("dispose"),
        row.medians.get("dispose"),
        row.averages.get("first_answer"),
        row.medians.get("first_answer"),
        row.averages.get("close"),
        row.medians.get("close"),
        row.escalated,
        row.ombudsman,
        row.pct_satisfied,
        row.pct_reopened,
    ]


def _table(title: str, first: str, rows: Sequence[KpiRow], total: KpiRow | None) -> Table:
    footer = None
    if total is not None:
        footer = row_cells(total)
        footer[0] = _("Jumlah")
    return Table(
        title=title,
        headers=row_headers(first),
        rows=[row_cells(r) for r in rows],
        footer=footer,
    )


def summary_items(row: KpiRow) -> list[tuple[str, Cell]]:
    headers = row_headers("")
    return list(zip(headers[1:], row_cells(row)[1:], strict=True))


def period_text(board: Dashboard | Compliance) -> str:
    f = board.filter
    parts = [
        _("Periode diterima %(start)s s.d. %(end)s")
        % {"start": f.date_from.isoformat(), "end": f.date_to.isoformat()}
    ]
    for label, value in (
        (_("Pemda"), f.pemda),
        (_("OPD utama"), f.agency),
        (_("Kategori"), f.category),
        (_("Kanal"), f.channel),
        (_("Klasifikasi"), f.classification),
    ):
        if value is not None:
            parts.append(f"{label}: {value}")
    return "; ".join(parts)


NOTES = gettext_lazy(
    "Laporan dihitung pada OPD utamanya; periode menurut tanggal diterima di zona waktu "
    "pemerintah daerah; HK = hari kerja sejak laporan diterima, dihitung dengan kalender "
    "kerja daerah. Median dihitung dari sebaran waktu dengan ketelitian 0,1 hari kerja."
)


def dashboard_document(
    board: Dashboard,
    compliance: Compliance | None,
    generated_at: datetime,
    organisation: Organisation | None = None,
) -> Document:
    """The dashboard's figures; ``organisation`` heads the PDF when no filter names one."""
    sections: list[Table | KeyValues | Paragraph] = [
        KeyValues(title=_("Ringkasan kinerja"), items=summary_items(board.summary)),
        Paragraph(title=_("Catatan"), text=str(NOTES)),
        _table(_("Per bulan"), _("Bulan"), board.months, board.summary),
        _table(_("Per OPD utama"), _("OPD utama"), board.groups["agency"], board.summary),
        _table(_("Per kanal"), _("Kanal"), board.groups["channel"], board.summary),
        _table(_("Per kategori"), _("Kategori"), board.groups["category"], board.summary),
        _table(
            _("Per klasifikasi"), _("Klasifikasi"), board.groups["classification"], board.summary
        ),
    ]
    if board.overdue_agencies:
        sections.append(
            Table(
                title=_("Terlambat per OPD"),
                headers=[_("Penanggung jawab"), _("Langkah terlambat"), _("Tenggat tertua")],
                rows=[[a.organisation, a.count, a.oldest_due] for a in board.overdue_agencies],
            )
        )
    if compliance is not None:
        sections.append(
            Table(
                title=_("Kepatuhan standar"),
                headers=[
                    _("Penanggung jawab"),
                    _("Langkah"),
                    _("Satuan"),
                    _("Batas"),
                    _("Diukur"),
                    _("Tepat waktu"),
                    _("Terlambat"),
                    _("Tepat waktu (%)"),
                    _("Rata-rata waktu"),
                    _("Kelebihan terbesar"),
                ],
                rows=[
                    [
                        r.organisation,
                        r.step_label,
                        r.unit_label,
                        r.limit,
                        r.measured,
                        r.met,
                        r.late,
                        r.pct_met,
                        r.avg_actual,
                        r.max_overrun,
                    ]
                    for r in compliance.rows
                ],
            )
        )
    organisation = board.filter.agency or board.filter.pemda or organisation
    subtitle = period_text(board)
    if board.data_as_of is not None:
        # In the Pemda's own time (WIB/WITA/WIT), as every time in the document.
        zone = ZoneInfo(organisation_zone_name(organisation))
        subtitle += "; " + _("data per %(time)s") % {
            "time": local_text(board.data_as_of, zone, "Y-m-d H:i")
        }
    return Document(
        title=_("Dasbor kinerja pengelolaan pengaduan"),
        organisation=organisation,
        generated_at=generated_at,
        subtitle=subtitle,
        sections=sections,
    )
