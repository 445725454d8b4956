"""Forms of the API key pages (types only: the rules live in ``services``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tuntas.apikeys.models import Scope
from tuntas.core.widgets import IsoDateInput
from tuntas.organisations.models import Organisation


class OrganisationField(forms.ModelChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class IssueKeyForm(forms.Form):
    organisation = OrganisationField(
        label=_("Organisasi pemilik"),
        queryset=Organisation.objects.none(),
        help_text=_("Laporan yang dikirim dengan kunci ini masuk ke pemerintah daerah ini."),
    )
    name = forms.CharField(
        label=_("Nama aplikasi"),
        max_length=120,
        help_text=_("Misalnya: Chatbot WhatsApp Diskominfo, Aplikasi Lapor Desa."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Cakupan"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Berikan hanya yang diperlukan aplikasi."),
    )
    rate_limit_per_minute = forms.IntegerField(
        label=_("Batas permintaan per menit"),
        required=False,
        min_value=1,
        help_text=_("Kosongkan untuk memakai batas bawaan."),
    )
    expires_on = forms.DateField(
        label=_("Berlaku sampai tanggal"),
        required=False,
        widget=IsoDateInput(),
        help_text=_("Kosongkan bila kunci berlaku sampai dicabut."),
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class RevokeKeyForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan pencabutan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Misalnya: kunci bocor, aplikasi tidak dipakai lagi."),
    )
