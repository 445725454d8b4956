"""The dashboard's filters: one form for the pages, the exports and the API.

Choices are limited to the asker's scope, so an organisation outside it is simply an
invalid choice (400 with an Indonesian message), never a leak.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuntas.core.widgets import IsoDateInput
from tuntas.kpi.access import KpiScope
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.reference.models import Category, Channel, Classification

#: The longest period one view may cover (about five years).
MAX_PERIOD_DAYS = 5 * 366
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)


@dataclass(frozen=True)
class KpiFilter:
    date_from: date
    date_to: date
    pemda: Organisation | None = None
    agency: Organisation | None = None
    category: Category | None = None
    channel: Channel | None = None
    classification: Classification | None = None

    def query(self) -> dict[str, str]:
        """The filter as query parameters (for export links)."""
        out = {"date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat()}
        if self.pemda is not None:
            out["pemda"] = self.pemda.code
        if self.agency is not None:
            out["agency"] = self.agency.code
        if self.category is not None:
            out["category"] = str(self.category.pk)
        if self.channel is not None:
            out["channel"] = self.channel.code
        if self.classification is not None:
            out["classification"] = self.classification.code
        return out


def default_period(today: date | None = None) -> tuple[date, date]:
    """From the first of January to today (Jakarta time)."""
    today = today or timezone.now().astimezone(ZoneInfo("Asia/Jakarta")).date()
    return date(today.year, 1, 1), today


def pemdas_in(scope: KpiScope) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(kind=OrganisationKind.PEMDA)
    if scope.national:
        return qs.order_by("name")
    q = Q(pk__in=sorted(scope.pemda_ids))
    if scope.agency_ids:
        q |= Q(children__pk__in=sorted(scope.agency_ids))
    return qs.filter(q).distinct().order_by("name")


def agencies_in(scope: KpiScope) -> QuerySet[Organisation]:
    qs = Organisation.objects.filter(kind=OrganisationKind.AGENCY)
    if scope.national:
        return qs.order_by("name")
    q = Q(parent_id__in=sorted(scope.pemda_ids)) | Q(pk__in=sorted(scope.agency_ids))
    return qs.filter(q).order_by("name")


class CodeChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A model choice that refuses NUL characters before they reach the database."""

    def to_python(self, value: Any) -> Any:
        refused = forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice"
        )
        if isinstance(value, str) and "\x00" in value:
            raise refused
        if self.to_field_name is None and value not in self.empty_values:
            # An id: digits within a database integer, never an overflow error from the DB.
            text = str(value)
            if not text.isdigit() or int(text) >= 2**63:
                raise refused
        return super().to_python(value)


class KpiFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Diterima sejak"), required=False)
    date_to = forms.DateField(label=_("Diterima sampai"), required=False)
    pemda = CodeChoiceField(
        label=_("Pemerintah daerah"),
        queryset=Organisation.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Semua dalam cakupan saya"),
    )
    agency = CodeChoiceField(
        label=_("OPD utama"),
        queryset=Organisation.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Semua OPD"),
    )
    category = CodeChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.select_related("parent"),
        required=False,
        empty_label=_("Semua kategori"),
    )
    channel = CodeChoiceField(
        label=_("Kanal"),
        queryset=Channel.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Semua kanal"),
    )
    classification = CodeChoiceField(
        label=_("Klasifikasi"),
        queryset=Classification.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Semua klasifikasi"),
    )

    def __init__(self, data: Any, *, scope: KpiScope, today: date | None = None) -> None:
        super().__init__(data)
        self.scope = scope
        self.today = today
        pemda_field = self.fields["pemda"]
        agency_field = self.fields["agency"]
        assert isinstance(pemda_field, forms.ModelChoiceField)
        assert isinstance(agency_field, forms.ModelChoiceField)
        pemda_field.queryset = pemdas_in(scope)
        agency_field.queryset = agencies_in(scope)
        for name in ("date_from", "date_to"):
            self.fields[name].widget = IsoDateInput()
        for name in ("category", "channel", "classification"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.error_messages["invalid_choice"] = _("Pilihan tidak dikenal.")
        pemda_field.error_messages["invalid_choice"] = _(
            "Pemerintah daerah ini tidak ada atau di luar cakupan Anda."
        )
        agency_field.error_messages["invalid_choice"] = _(
            "OPD ini tidak ada atau di luar cakupan Anda."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = default_period(self.today)
        date_from = data.get("date_from") or (
            start if not data.get("date_to") else data["date_to"].replace(month=1, day=1)
        )
        date_to = data.get("date_to") or max(end, date_from)
        for name, value in (("date_from", date_from), ("date_to", date_to)):
            if not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Tanggal harus antara tahun 2000 dan 2100."))
                return data
        if date_from > date_to:
            self.add_error("date_to", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        elif (date_to - date_from) > timedelta(days=MAX_PERIOD_DAYS):
            self.add_error("date_to", _("Periode paling panjang lima tahun."))
        data["date_from"], data["date_to"] = date_from, date_to
        pemda, agency = data.get("pemda"), data.get("agency")
        if pemda is not None and agency is not None and agency.parent_id != pemda.pk:
            self.add_error("agency", _("OPD ini tidak berada di bawah pemerintah daerah itu."))
        return data

    def to_filter(self) -> KpiFilter:
        data = self.cleaned_data
        return KpiFilter(
            date_from=data["date_from"],
            date_to=data["date_to"],
            pemda=data.get("pemda"),
            agency=data.get("agency"),
            category=data.get("category"),
            channel=data.get("channel"),
            classification=data.get("classification"),
        )


def errors_of(form: forms.Form) -> dict[str, list[str]]:
    return {field: [str(m) for m in messages] for field, messages in form.errors.items()}
