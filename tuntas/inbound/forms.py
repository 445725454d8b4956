"""Forms of the review page: make a report of a message, or dismiss it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tuntas.organisations.models import Organisation
from tuntas.reference.models import Category, Classification
from tuntas.reports.actions.intake import DESCRIPTION_MIN_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan diabaikan"),
        max_length=500,
        help_text=_("Mis. iklan/spam, pesan uji coba, duplikat pesan lain."),
    )


class MakeReportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Pemerintah daerah"), queryset=Organisation.objects.none()
    )
    classification = forms.ModelChoiceField(
        label=_("Klasifikasi"), queryset=Classification.objects.all()
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.filter(is_active=True).select_related("parent"),
        required=False,
    )
    title = forms.CharField(
        label=_("Judul laporan"), max_length=TITLE_MAX_LENGTH, min_length=TITLE_MIN_LENGTH
    )
    description = forms.CharField(
        label=_("Isi laporan"),
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=DESCRIPTION_MIN_LENGTH,
    )
    reporter_name = forms.CharField(label=_("Nama pelapor"), max_length=200, required=False)
    is_anonymous = forms.BooleanField(label=_("Anonim"), required=False, initial=True)
    is_confidential = forms.BooleanField(label=_("Rahasia"), required=False, initial=True)

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if len(organisations) == 1:
            field.initial = organisations[0].pk
