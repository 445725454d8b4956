"""Typing in a report that arrived through a channel outside the system (seed 003 SOP 5, 6)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tuntas.core.widgets import IsoDateInput
from tuntas.organisations.models import Organisation
from tuntas.reference.models import Category, Channel, Classification, Region
from tuntas.reports.actions.intake import DESCRIPTION_MIN_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH
from tuntas.staff.forms.fields import MultipleFileField, textarea


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class IntakeForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Diinput sebagai"),
        queryset=Organisation.objects.none(),
        help_text=_(
            "Admin koordinator pemda: laporan langsung terverifikasi. "
            "Admin penghubung OPD: laporan langsung diterima OPD."
        ),
    )
    channel = forms.ModelChoiceField(
        label=_("Kanal asal laporan"), queryset=Channel.objects.filter(is_outside_system=True)
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
        widget=textarea(6),
        min_length=DESCRIPTION_MIN_LENGTH,
        help_text=_("Salin isi laporan sesuai aslinya: apa, di mana dan kapan."),
    )
    incident_date = forms.DateField(
        label=_("Tanggal kejadian"), required=False, widget=IsoDateInput()
    )
    location_text = forms.CharField(label=_("Lokasi"), max_length=300, required=False)
    region: forms.ModelChoiceField[Region] = forms.ModelChoiceField(
        label=_("Wilayah (kecamatan/desa)"), queryset=Region.objects.none(), required=False
    )
    reporter_name = forms.CharField(label=_("Nama pelapor"), max_length=200, required=False)
    reporter_nik = forms.CharField(
        label=_("NIK pelapor"),
        max_length=16,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    reporter_phone = forms.CharField(
        label=_("Telepon pelapor"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    reporter_email = forms.EmailField(label=_("E-mail pelapor"), required=False)
    is_anonymous = forms.BooleanField(
        label=_("Anonim: sembunyikan identitas pelapor dari OPD dan publik"),
        required=False,
        initial=True,
    )
    is_confidential = forms.BooleanField(
        label=_("Rahasia: laporan tidak tampil di daftar publik"), required=False, initial=True
    )
    attachments = MultipleFileField(label=_("Lampiran (bukti)"))
    already_solved = forms.BooleanField(
        label=_("Sudah selesai ditindaklanjuti?"),
        required=False,
        help_text=_("Centang bila masalahnya sudah diselesaikan; jawabannya langsung disampaikan."),
    )
    solved_answer = forms.CharField(
        label=_("Jawaban tindak lanjut"), widget=textarea(4), required=False
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_intake_%s")
        super().__init__(*args, **kwargs)
        org_field = self.fields["organisation"]
        region_field = self.fields["region"]
        assert isinstance(org_field, forms.ModelChoiceField)
        assert isinstance(region_field, forms.ModelChoiceField)
        org_field.queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        ).order_by("kind", "name")
        self.only_organisation = organisations[0] if len(organisations) == 1 else None
        if self.only_organisation is not None:
            org_field.widget = forms.HiddenInput()
            org_field.required = False
            self.initial["organisation"] = self.only_organisation.pk
        pemda_ids = {p.pk for o in organisations if (p := o.get_pemda()) is not None}
        region_field.queryset = Region.objects.filter(pemda_id__in=pemda_ids).order_by("code")

    def clean_organisation(self) -> Organisation | None:
        chosen: Organisation | None = self.cleaned_data.get("organisation")
        return chosen or self.only_organisation

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answer = (data.get("solved_answer") or "").strip()
        if data.get("already_solved") and not answer:
            self.add_error(
                "solved_answer", _("Tuliskan jawaban tindak lanjut yang sudah diberikan.")
            )
        if answer and not data.get("already_solved"):
            self.add_error(
                "already_solved",
                _(
                    "Centang 'Sudah selesai ditindaklanjuti?' bila jawaban sudah diberikan, "
                    "atau kosongkan jawabannya."
                ),
            )
        return data
