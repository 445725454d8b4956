"""The quarterly report's content (seed 003 SOP 3): compiled from every channel, per Pemda.

``compile_quarter_content`` reads the quarter in one streamed query over plain values
(no per-report queries) plus one grouped query over the clocks, and returns JSON-ready
figures and rows. A ``QuarterlyReport`` stores that content when the main admin compiles
it; what Kasi and Kabid initial, and what the archive keeps, is that stored content, so
later changes to the reports never change a submitted or archived document.
``compile_quarter_document`` is the live export of a quarter (used by benchmarks and
previews); ``stored_document`` renders a stored report with its sign-offs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.exports.document import Cell, Document, KeyValues, Paragraph, Section, Signature, Table
from tuntas.organisations.models import Organisation
from tuntas.oversight.models import QuarterlyReport, QuarterlySignOff
from tuntas.oversight.periods import Period, quarter_period, zone_of
from tuntas.reports.models import Clock, Report, Status
from tuntas.standards.models import Step

CHUNK = 2000
# The report statuses counted as "followed up" (an answer reached the reporter).
FOLLOWED_UP = frozenset({Status.FOLLOWED_UP, Status.CLOSED})
IN_PROCESS = frozenset(
    {
        Status.SUBMITTED,
        Status.ON_HOLD,
        Status.VERIFIED,
        Status.DISPOSED,
        Status.ACCEPTED,
        Status.IN_DIVISION,
        Status.AWAITING_CLARIFICATION,
        Status.DRAFT_REVIEW,
        Status.DRAFT_APPROVED,
    }
)
# Steps whose on-time rate the report shows: what the Pemda and its agencies owe.
RATED_STEPS = (
    Step.VERIFICATION,
    Step.DISPOSITION,
    Step.AGENCY_ACCEPTANCE,
    Step.INTERNAL_DISPOSITION,
    Step.DRAFTING,
    Step.APPROVAL,
    Step.PUBLICATION,
    Step.FOLLOWUP,
)
ROW_FIELDS = (
    "tracking_id",
    "created_at",
    "title",
    "status",
    "is_anonymous",
    "reporter_name",
    "reporter__full_name",
    "reporter__username",
    "channel__name",
    "classification__name",
    "category__name",
    "category__parent__name",
    "lead_agency__name",
    "first_followup_at",
    "closed_at",
)


def quarter_reports(pemda: Organisation, period: Period) -> Iterable[dict[str, Any]]:
    """The quarter's reports of a Pemda as plain dicts, streamed in one query."""
    rows: Iterable[dict[str, Any]] = (
        Report.objects.filter(pemda=pemda, created_at__gte=period.start, created_at__lt=period.end)
        .order_by("created_at", "id")
        .values(*ROW_FIELDS)
        .iterator(chunk_size=CHUNK)
    )
    return rows


def _reporter(row: dict[str, Any]) -> str:
    if row["is_anonymous"]:
        return _("Anonim")
    return str(
        row["reporter__full_name"] or row["reporter_name"] or row["reporter__username"] or ""
    )


def _category(row: dict[str, Any]) -> str:
    name = row["category__name"]
    if not name:
        return _("(tanpa kategori)")
    parent = row["category__parent__name"]
    return f"{parent} › {name}" if parent else str(name)


def _on_time(pemda: Organisation, period: Period, now: datetime) -> list[list[Any]]:
    """Per step: met, late (stopped late, or still open past the deadline), total, %."""
    labels = dict(Step.choices)
    rows = (
        Clock.objects.filter(
            report__pemda=pemda,
            report__created_at__gte=period.start,
            report__created_at__lt=period.end,
            step__in=RATED_STEPS,
        )
        .values("step")
        .annotate(
            n_met=Count("id", filter=Q(met=True)),
            n_late=Count("id", filter=Q(met=False) | Q(stopped_at__isnull=True, due_at__lt=now)),
        )
    )
    found = {r["step"]: r for r in rows}
    table: list[list[Any]] = []
    for step in RATED_STEPS:
        r = found.get(step)
        if r is None:
            continue
        decided = r["n_met"] + r["n_late"]
        if not decided:
            continue
        table.append(
            [str(labels[step]), r["n_met"], r["n_late"], decided, _pct(r["n_met"], decided)]
        )
    return table


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _counted(counter: Counter[str], total: int) -> list[list[Any]]:
    return [
        [name, n, _pct(n, total)]
        for name, n in sorted(counter.items(), key=lambda i: (-i[1], i[0]))
    ]


def compile_quarter_content(
    *, pemda: Organisation, year: int, quarter: int, now: datetime | None = None
) -> dict[str, Any]:
    """The quarter's figures and rows, JSON-ready (dates as ISO strings)."""
    now = now or timezone.now()
    period = quarter_period(pemda, year, quarter)
    tz = zone_of(pemda)
    labels = dict(Status.choices)
    by: dict[str, Counter[str]] = {
        k: Counter() for k in ("channel", "classification", "category", "agency", "status")
    }
    rows: list[list[Any]] = []
    followed = closed = ombudsman = in_process = 0
    for row in quarter_reports(pemda, period):
        status = row["status"]
        status_label = str(labels.get(status, status))
        agency = row["lead_agency__name"] or _("(belum didisposisikan)")
        category = _category(row)
        by["channel"][row["channel__name"]] += 1
        by["classification"][row["classification__name"]] += 1
        by["category"][category] += 1
        by["agency"][agency] += 1
        by["status"][status_label] += 1
        if row["first_followup_at"] is not None or status in FOLLOWED_UP:
            followed += 1
        if status == Status.CLOSED:
            closed += 1
        elif status == Status.OMBUDSMAN:
            ombudsman += 1
        elif status in IN_PROCESS:
            in_process += 1
        rows.append(
            [
                row["tracking_id"],
                row["created_at"].astimezone(tz).date().isoformat(),
                row["title"],
                row["classification__name"],
                category,
                row["channel__name"],
                agency,
                status_label,
                _reporter(row),
            ]
        )
    total = len(rows)
    return {
        "year": year,
        "quarter": quarter,
        "first_day": period.first_day.isoformat(),
        "last_day": period.last_day.isoformat(),
        "compiled_at": now.isoformat(),
        "totals": {
            "received": total,
            "followed_up": followed,
            "followed_up_pct": _pct(followed, total),
            "closed": closed,
            "ombudsman": ombudsman,
            "in_process": in_process,
        },
        "by_channel": _counted(by["channel"], total),
        "by_classification": _counted(by["classification"], total),
        "by_category": _counted(by["category"], total),
        "by_agency": _counted(by["agency"], total),
        "by_status": _counted(by["status"], total),
        "on_time": _on_time(pemda, period, now),
        "rows": rows,
    }


def period_label(year: int, quarter: int) -> str:
    return _("Triwulan %(q)s Tahun %(y)s") % {"q": quarter, "y": year}


def _breakdown(title: str, first: str, items: Sequence[Sequence[Any]], total: int) -> Table:
    return Table(
        title=title,
        headers=[first, _("Jumlah"), _("Persen")],
        rows=[[str(name), int(n), float(p)] for name, n, p in items],
        footer=[_("Jumlah"), total, 100.0 if total else 0.0],
    )


def content_sections(content: dict[str, Any], notes: str = "") -> list[Section]:
    """The document sections of compiled content (figures first, the list last)."""
    totals = content["totals"]
    total = int(totals["received"])
    summary: list[tuple[str, Cell]] = [
        (
            _("Periode"),
            f"{date.fromisoformat(content['first_day']):%d-%m-%Y} – "
            f"{date.fromisoformat(content['last_day']):%d-%m-%Y}",
        ),
        (_("Laporan diterima (semua kanal)"), total),
        (_("Ditindaklanjuti"), int(totals["followed_up"])),
        (_("Persentase ditindaklanjuti"), float(totals["followed_up_pct"])),
        (_("Selesai"), int(totals["closed"])),
        (_("Masih dalam proses"), int(totals["in_process"])),
        (_("Diteruskan ke Ombudsman RI"), int(totals["ombudsman"])),
        (_("Data disusun pada"), datetime.fromisoformat(content["compiled_at"])),
    ]
    sections: list[Section] = [KeyValues(title=_("Ringkasan"), items=summary)]
    if notes.strip():
        sections.append(Paragraph(title=_("Catatan dan analisis admin utama"), text=notes.strip()))
    sections += [
        _breakdown(_("Menurut kanal"), _("Kanal"), content["by_channel"], total),
        _breakdown(_("Menurut klasifikasi"), _("Klasifikasi"), content["by_classification"], total),
        _breakdown(_("Menurut kategori"), _("Kategori"), content["by_category"], total),
        _breakdown(_("Menurut OPD utama"), _("OPD"), content["by_agency"], total),
        _breakdown(_("Menurut status"), _("Status"), content["by_status"], total),
        Table(
            title=_("Ketepatan waktu per langkah"),
            headers=[_("Langkah"), _("Tepat waktu"), _("Terlambat"), _("Jumlah"), _("% tepat")],
            rows=[
                [str(s), int(m), int(la), int(t), float(p)] for s, m, la, t, p in content["on_time"]
            ],
        ),
        Table(
            title=_("Daftar laporan"),
            headers=[
                _("Nomor"),
                _("Diterima"),
                _("Judul"),
                _("Klasifikasi"),
                _("Kategori"),
                _("Kanal"),
                _("OPD utama"),
                _("Status"),
                _("Pelapor"),
            ],
            rows=[[r[0], date.fromisoformat(r[1]), *r[2:]] for r in content["rows"]],
        ),
    ]
    return sections


def _document(
    *,
    pemda: Organisation,
    content: dict[str, Any],
    notes: str,
    signatures: Sequence[Signature],
    generated_at: datetime,
) -> Document:
    return Document(
        title=_("Laporan Periodik Penanganan Pengaduan"),
        subtitle=f"{pemda.name} — {period_label(content['year'], content['quarter'])}",
        organisation=pemda,
        generated_at=generated_at,
        sections=content_sections(content, notes),
        signatures=signatures,
    )


def compile_quarter_document(*, pemda: Organisation, year: int, quarter: int) -> Document:
    """The export document of a Pemda's quarter, compiled now from the live data."""
    now = timezone.now()
    content = compile_quarter_content(pemda=pemda, year=year, quarter=quarter, now=now)
    return _document(pemda=pemda, content=content, notes="", signatures=(), generated_at=now)


def signatures_of(signoffs: Iterable[QuarterlySignOff]) -> list[Signature]:
    return [
        Signature(
            role=f"{s.role_label} — {s.get_decision_display()}",
            name=s.actor_name,
            signed_at=s.created_at,
            note=s.note,
        )
        for s in signoffs
    ]


def stored_document(report: QuarterlyReport, *, now: datetime | None = None) -> Document:
    """A stored quarterly report as compiled, with every sign-off (who, role, when)."""
    signoffs = list(report.signoffs.all())
    compiled = Signature(
        role=_("Admin Utama — Disusun"),
        name=report.compiled_by.display_name,
        signed_at=report.compiled_at,
    )
    return _document(
        pemda=report.pemda,
        content=report.content,
        notes=report.notes,
        signatures=[compiled, *signatures_of(signoffs)],
        generated_at=now or timezone.now(),
    )
