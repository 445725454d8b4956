"""The oversight pages' forms: they only parse input; the actions decide."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tuntas.core.widgets import IsoDateInput
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.oversight.models import EvaluationKind, EvaluationState

YEARS = range(2020, 2101)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class RecapFilterForm(forms.Form):
    organisasi = forms.TypedChoiceField(label=_("Cakupan"), coerce=int)
    tanggal = forms.DateField(label=_("Tanggal"), widget=IsoDateInput(), required=False)

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisasi"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [
            (
                o.pk,
                _("%(name)s (semua OPD)") % {"name": o.name}
                if o.kind == OrganisationKind.PEMDA
                else o.name,
            )
            for o in organisations
        ]


class RecapReportForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk atasan (boleh dikosongkan)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )


class CompileForm(forms.Form):
    pemda = forms.ModelChoiceField(
        label=_("Pemerintah daerah"), queryset=Organisation.objects.none()
    )
    year = forms.TypedChoiceField(label=_("Tahun"), coerce=int)
    quarter = forms.TypedChoiceField(
        label=_("Triwulan"),
        coerce=int,
        choices=[
            (1, _("Triwulan I (Jan–Mar)")),
            (2, _("Triwulan II (Apr–Jun)")),
            (3, _("Triwulan III (Jul–Sep)")),
            (4, _("Triwulan IV (Okt–Des)")),
        ],
    )
    notes = forms.CharField(
        label=_("Catatan dan analisis (boleh dikosongkan)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
    )

    def __init__(
        self, *args: Any, pemdas: list[Organisation], this_year: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        pemda = self.fields["pemda"]
        assert isinstance(pemda, forms.ModelChoiceField)
        pemda.queryset = Organisation.objects.filter(pk__in=[p.pk for p in pemdas])
        if len(pemdas) == 1:
            pemda.initial = pemdas[0].pk
        year = self.fields["year"]
        assert isinstance(year, forms.TypedChoiceField)
        year.choices = [(y, str(y)) for y in range(this_year, this_year - 6, -1)]


class RecompileForm(forms.Form):
    notes = forms.CharField(
        label=_("Catatan dan analisis (boleh dikosongkan)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )


class EvaluationForm(forms.Form):
    pemda = forms.ModelChoiceField(
        label=_("Pemerintah daerah"), queryset=Organisation.objects.none()
    )
    kind = forms.ChoiceField(label=_("Jenis kegiatan"), choices=EvaluationKind.choices)
    title = forms.CharField(label=_("Judul"), max_length=200)
    held_on = forms.DateField(label=_("Tanggal"), widget=IsoDateInput())
    place = forms.CharField(label=_("Tempat"), max_length=200)
    participants = forms.CharField(
        label=_("Peserta"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000
    )
    minutes = forms.CharField(
        label=_("Notulen / laporan hasil"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=50000,
    )
    tracking_ids = forms.CharField(
        label=_("Nomor laporan terkait"),
        help_text=_("Pisahkan dengan spasi, koma atau baris baru, misalnya LPR-2026-ABC123."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    agencies = forms.ModelMultipleChoiceField(
        label=_("SKPD/instansi terkait"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachments = MultipleFileField(
        label=_("Lampiran (foto JPG/PNG/WebP atau PDF)"), required=False
    )

    def __init__(self, *args: Any, pemdas: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pemda = self.fields["pemda"]
        assert isinstance(pemda, forms.ModelChoiceField)
        pemda.queryset = Organisation.objects.filter(pk__in=[p.pk for p in pemdas])
        if len(pemdas) == 1:
            pemda.initial = pemdas[0].pk
        agencies = self.fields["agencies"]
        assert isinstance(agencies, forms.ModelMultipleChoiceField)
        agencies.queryset = Organisation.objects.filter(
            kind=OrganisationKind.AGENCY, parent__in=[p.pk for p in pemdas]
        ).order_by("name")


class EvaluationSearchForm(forms.Form):
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=IsoDateInput())
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=IsoDateInput())
    q = forms.CharField(label=_("Kata kunci atau nomor laporan"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Semua")), *EvaluationState.choices],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: date | None = data.get("dari")
        end: date | None = data.get("sampai")
        if start and end and start > end:
            self.add_error("sampai", _("Tanggal akhir harus sesudah tanggal awal."))
        return data
