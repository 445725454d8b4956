"""The inbox filter (GET)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tuntas.organisations.models import Organisation
from tuntas.reference.models import Classification
from tuntas.reports.models import Status
from tuntas.staff.selectors.inbox import FilterChoices


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari nomor pelacakan atau judul"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *Status.choices]
    )
    pemda: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Pemerintah daerah"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Semua"),
    )
    agency: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("OPD penanggung jawab"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Semua"),
    )
    classification = forms.ModelChoiceField(
        label=_("Klasifikasi"),
        required=False,
        queryset=Classification.objects.all(),
        empty_label=_("Semua"),
    )
    mine = forms.BooleanField(label=_("Hanya yang perlu tindakan saya"), required=False)
    late = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)

    def __init__(self, *args: Any, choices: FilterChoices, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_filter_%s")
        super().__init__(*args, **kwargs)
        pemda = self.fields["pemda"]
        agency = self.fields["agency"]
        assert isinstance(pemda, forms.ModelChoiceField)
        assert isinstance(agency, forms.ModelChoiceField)
        pemda.queryset = choices.pemdas
        agency.queryset = choices.agencies
