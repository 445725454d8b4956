"""The daily recap (seed 003 SOP 6: "Rekap laporan per hari", material for the superior).

For a Pemda (the main admin's view: every agency) or one agency (its own reports: those
disposed to it), what happened on one day in the organisation's time zone: received,
verified, disposed, followed up, closed, and how many reports had a staff step past its
deadline at the end of that day; broken down by channel, lead agency and current status.
A handful of grouped queries, whatever the number of reports.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.exports.document import Cell, Document, KeyValues, Section, Signature, Table
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.oversight.models import DailyRecap
from tuntas.oversight.periods import Period, day_period, zone_of
from tuntas.reports.access import HOLDING_STATES
from tuntas.reports.clocks import OWED_STEPS
from tuntas.reports.models import Assignment, Clock, FollowUp, Report, Status
from tuntas.standards.models import Step

# Steps the staff owe (the reporter owes completion, clarification and the reply).
STAFF_STEPS = sorted(OWED_STEPS - {Step.COMPLETION, Step.CLARIFICATION, Step.REPORTER_REPLY})
LIST_LIMIT = 500
FIGURES = (
    ("received", "Diterima"),
    ("verified", "Diverifikasi"),
    ("disposed", "Didisposisikan"),
    ("followed_up", "Ditindaklanjuti"),
    ("closed", "Selesai"),
    ("overdue", "Terlambat (melewati batas waktu pada akhir hari)"),
)


def figure_labels() -> dict[str, str]:
    # The labels are msgids of their own: listed here for makemessages.
    return {
        "received": _("Diterima"),
        "verified": _("Diverifikasi"),
        "disposed": _("Didisposisikan"),
        "followed_up": _("Ditindaklanjuti"),
        "closed": _("Selesai"),
        "overdue": _("Terlambat (melewati batas waktu pada akhir hari)"),
    }


def _reports(org: Organisation) -> QuerySet[Report]:
    if org.kind == OrganisationKind.PEMDA:
        return Report.objects.filter(pemda=org)
    held = Assignment.objects.filter(agency=org, state__in=HOLDING_STATES).values("report_id")
    return Report.objects.filter(pk__in=held)


def _in(period: Period, field: str) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lt": period.end})


def compile_daily_recap(
    *, organisation: Organisation, day: date, now: datetime | None = None
) -> dict[str, Any]:
    """The day's figures, breakdowns and list, JSON-ready."""
    now = now or timezone.now()
    period = day_period(organisation, day)
    tz = zone_of(organisation)
    base = _reports(organisation)
    agency = organisation.kind != OrganisationKind.PEMDA
    assignments = Assignment.objects.filter(_in(period, "disposed_at"))
    assignments = (
        assignments.filter(agency=organisation)
        if agency
        else assignments.filter(report__pemda=organisation)
    )
    followups = FollowUp.objects.filter(_in(period, "published_at"))
    followups = (
        followups.filter(agency=organisation)
        if agency
        else followups.filter(report__pemda=organisation)
    )
    clocks = Clock.objects.filter(
        step__in=STAFF_STEPS, due_at__lt=period.end, started_at__lt=period.end
    ).filter(Q(stopped_at__isnull=True) | Q(stopped_at__gte=period.end))
    clocks = (
        clocks.filter(organisation=organisation)
        if agency
        else clocks.filter(report__pemda=organisation)
    )
    counts = {
        "received": base.filter(_in(period, "created_at")).count(),
        "verified": base.filter(_in(period, "verified_at")).count(),
        "disposed": assignments.values("report_id").distinct().count(),
        "followed_up": followups.values("report_id").distinct().count(),
        "closed": base.filter(_in(period, "closed_at")).count(),
        "overdue": clocks.values("report_id").distinct().count(),
    }
    active_ids = (
        set(base.filter(_in(period, "created_at")).values_list("pk", flat=True)[:LIST_LIMIT])
        | set(base.filter(_in(period, "verified_at")).values_list("pk", flat=True)[:LIST_LIMIT])
        | set(base.filter(_in(period, "closed_at")).values_list("pk", flat=True)[:LIST_LIMIT])
        | set(assignments.values_list("report_id", flat=True)[:LIST_LIMIT])
        | set(followups.values_list("report_id", flat=True)[:LIST_LIMIT])
    )
    labels = dict(Status.choices)
    received = base.filter(_in(period, "created_at"))

    def grouped(field: str, empty: str) -> list[list[Any]]:
        rows = received.values(field).annotate(n=Count("id")).order_by("-n", field)
        return [[str(r[field] or empty), r["n"]] for r in rows]

    by_status = [
        [str(labels.get(r["status"], r["status"])), r["n"]]
        for r in received.values("status").annotate(n=Count("id")).order_by("-n", "status")
    ]
    listed = (
        Report.objects.filter(pk__in=active_ids)
        .order_by("created_at", "id")
        .values(
            "tracking_id", "created_at", "title", "status", "channel__name", "lead_agency__name"
        )
    )
    return {
        "organisation": organisation.name,
        "day": day.isoformat(),
        "compiled_at": now.isoformat(),
        "counts": counts,
        "by_channel": grouped("channel__name", _("(tanpa kanal)")),
        "by_agency": grouped("lead_agency__name", _("(belum didisposisikan)")),
        "by_status": by_status,
        "reports": [
            [
                r["tracking_id"],
                r["created_at"].astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                r["title"],
                r["channel__name"],
                r["lead_agency__name"] or "",
                str(labels.get(r["status"], r["status"])),
            ]
            for r in listed
        ],
    }


def recap_sections(figures: dict[str, Any]) -> list[Section]:
    labels = figure_labels()
    items: list[tuple[str, Cell]] = [(_("Tanggal"), date.fromisoformat(figures["day"]))]
    items += [(labels[key], int(figures["counts"][key])) for key, _label in FIGURES]
    received = int(figures["counts"]["received"])
    return [
        KeyValues(title=_("Ringkasan hari ini"), items=items),
        Table(
            title=_("Laporan diterima menurut kanal"),
            headers=[_("Kanal"), _("Jumlah")],
            rows=figures["by_channel"],
            footer=[_("Jumlah"), received],
        ),
        Table(
            title=_("Laporan diterima menurut OPD utama"),
            headers=[_("OPD"), _("Jumlah")],
            rows=figures["by_agency"],
            footer=[_("Jumlah"), received],
        ),
        Table(
            title=_("Laporan diterima menurut status saat ini"),
            headers=[_("Status"), _("Jumlah")],
            rows=figures["by_status"],
            footer=[_("Jumlah"), received],
        ),
        Table(
            title=_("Laporan yang ditangani hari ini"),
            headers=[
                _("Nomor"),
                _("Diterima"),
                _("Judul"),
                _("Kanal"),
                _("OPD utama"),
                _("Status"),
            ],
            rows=figures["reports"],
        ),
    ]


def recap_document(
    organisation: Organisation,
    figures: dict[str, Any],
    *,
    reported: DailyRecap | None = None,
    now: datetime | None = None,
) -> Document:
    signatures: list[Signature] = []
    if reported is not None:
        signatures.append(
            Signature(
                role=_("Diperiksa dan dilaporkan"),
                name=reported.reported_by.display_name,
                signed_at=reported.reported_at,
                note=reported.note,
            )
        )
    letterhead = organisation.get_pemda() or organisation
    return Document(
        title=_("Rekap Laporan Harian"),
        subtitle=f"{organisation.name} — {date.fromisoformat(figures['day']):%d-%m-%Y}",
        organisation=letterhead,
        generated_at=now or timezone.now(),
        sections=recap_sections(figures),
        signatures=signatures,
    )
