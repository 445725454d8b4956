"""Public statistics: totals and on-time rates per Pemda or per agency.

Counts only, from the facts: no titles, no names, no categories or places, so nothing
on the page points at one report (a rahasia report is counted, never shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from tuntas.kpi.facts import rollups_ready
from tuntas.kpi.filters import CodeChoiceField
from tuntas.kpi.models import ReportFact, Rollup
from tuntas.kpi.rollup_selectors import period_q
from tuntas.kpi.rollups import BY_ORGANISATION
from tuntas.organisations.models import Organisation, OrganisationKind


@dataclass(frozen=True)
class PublicRow:
    name: str
    total: int
    needs_followup: int
    followed_up: int
    within_limit: int

    @property
    def pct_followed_up(self) -> float | None:
        return (
            round(100.0 * self.followed_up / self.needs_followup, 1)
            if self.needs_followup
            else None
        )

    @property
    def pct_within_limit(self) -> float | None:
        return (
            round(100.0 * self.within_limit / self.needs_followup, 1)
            if self.needs_followup
            else None
        )


class PublicFilterForm(forms.Form):
    pemda = CodeChoiceField(
        label=_("Pemerintah daerah"),
        queryset=Organisation.objects.filter(kind=OrganisationKind.PEMDA, is_active=True).order_by(
            "name"
        ),
        to_field_name="code",
        required=False,
        empty_label=_("Semua pemerintah daerah"),
        error_messages={"invalid_choice": _("Pemerintah daerah ini tidak dikenal.")},
    )
    year = forms.IntegerField(
        label=_("Tahun"),
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": _("Tahun harus berupa angka, misalnya 2026."),
            "min_value": _("Tahun paling awal 2000."),
            "max_value": _("Tahun paling akhir 2100."),
        },
    )


AGGREGATES = {
    "total": Count("pk"),
    "needs": Count("pk", filter=Q(needs_followup=True)),
    "followed": Count("pk", filter=Q(followed_up=True)),
    "within": Count("pk", filter=Q(followed_up_within_limit=True)),
}


def public_rows(pemda: Organisation | None, year: int) -> tuple[list[PublicRow], PublicRow]:
    """Per Pemda (or per agency of ``pemda``) and in total: from the roll-ups once built."""
    if rollups_ready():
        return rows_from_rollups(pemda, year)
    return rows_from_facts(pemda, year)


ROLLUP_SUMS = {
    "total": Sum("total"),
    "needs": Sum("needs_followup"),
    "followed": Sum("followed_up"),
    "within": Sum("within_limit"),
}


def rows_from_rollups(pemda: Organisation | None, year: int) -> tuple[list[PublicRow], PublicRow]:
    start, end = date(year, 1, 1), date(year, 12, 31)
    qs = Rollup.objects.filter(period_q(start, end), cuboid=BY_ORGANISATION.number)
    group = "pemda_id" if pemda is None else "agency_id"
    if pemda is not None:
        qs = qs.filter(pemda_id=pemda.pk)
    grouped = [g for g in qs.order_by().values(group).annotate(**ROLLUP_SUMS) if g["total"]]
    names = {o.pk: o.name for o in Organisation.objects.filter(pk__in={g[group] for g in grouped})}
    unnamed = _("Belum didisposisikan ke OPD") if pemda is not None else _("Admin nasional")
    rows = [
        PublicRow(
            name=names.get(g[group]) or str(unnamed),
            total=g["total"],
            needs_followup=g["needs"],
            followed_up=g["followed"],
            within_limit=g["within"],
        )
        for g in grouped
    ]
    rows.sort(key=lambda r: (-r.total, r.name))
    total = PublicRow(
        name=str(_("Jumlah")),
        total=sum(r.total for r in rows),
        needs_followup=sum(r.needs_followup for r in rows),
        followed_up=sum(r.followed_up for r in rows),
        within_limit=sum(r.within_limit for r in rows),
    )
    return rows, total


def rows_from_facts(pemda: Organisation | None, year: int) -> tuple[list[PublicRow], PublicRow]:
    qs = ReportFact.objects.filter(
        created_date__gte=date(year, 1, 1), created_date__lte=date(year, 12, 31)
    )
    group = "pemda" if pemda is None else "lead_agency"
    if pemda is not None:
        qs = qs.filter(pemda=pemda)
    grouped = list(qs.order_by().values(group).annotate(**AGGREGATES))
    names = {o.pk: o.name for o in Organisation.objects.filter(pk__in={g[group] for g in grouped})}
    unnamed = _("Belum didisposisikan ke OPD") if pemda is not None else _("Admin nasional")
    rows = [
        PublicRow(
            name=names.get(g[group]) or str(unnamed),
            total=g["total"],
            needs_followup=g["needs"],
            followed_up=g["followed"],
            within_limit=g["within"],
        )
        for g in grouped
    ]
    rows.sort(key=lambda r: (-r.total, r.name))
    totals = qs.aggregate(**AGGREGATES)
    total = PublicRow(
        name=str(_("Jumlah")),
        total=totals["total"],
        needs_followup=totals["needs"],
        followed_up=totals["followed"],
        within_limit=totals["within"],
    )
    return rows, total
