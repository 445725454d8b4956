"""One small form per staff action on a report; choices are limited to what fits it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tuntas.accounts.models import User
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.reference.models import Category, CategoryRoute, Classification
from tuntas.reports.access import lead_assignment
from tuntas.reports.actions import ARCHIVE_REASONS
from tuntas.reports.models import Report
from tuntas.staff.forms.fields import DateInput, MultipleFileField, textarea


class ActionForm(forms.Form):
    """A form for one action on one report, by one user."""

    multipart = False

    def __init__(self, *args: Any, report: Report, user: User, action: str, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{action}_%s")
        super().__init__(*args, **kwargs)
        self.report = report
        self.user = user

    def model_field(self, name: str) -> forms.ModelChoiceField[Any]:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        return field


def agencies_of(report: Report) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        kind=OrganisationKind.AGENCY, parent_id=report.pemda_id, is_active=True
    ).order_by("name")


def without(qs: QuerySet[Organisation], pk: int | None) -> QuerySet[Organisation]:
    return (qs if pk is None else qs.exclude(pk=pk)).order_by("name")


def required_text(label: Any, rows: int = 3, max_length: int | None = None) -> forms.CharField:
    return forms.CharField(label=label, widget=textarea(rows), max_length=max_length)


def optional_text(label: Any, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, widget=textarea(rows), required=False)


class EmptyForm(ActionForm):
    """Actions that need nothing but a confirmation."""


class VerifyForm(ActionForm):
    is_anonymous = forms.BooleanField(
        label=_("Anonim: sembunyikan identitas pelapor dari OPD dan publik"), required=False
    )
    is_confidential = forms.BooleanField(
        label=_("Rahasia: laporan tidak tampil di daftar publik"), required=False
    )
    classification = forms.ModelChoiceField(
        label=_("Klasifikasi"), queryset=Classification.objects.all()
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.filter(is_active=True).select_related("parent"),
        required=False,
    )
    note = optional_text(_("Catatan verifikasi"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("is_anonymous", self.report.is_anonymous)
        self.initial.setdefault("is_confidential", self.report.is_confidential)
        self.initial.setdefault("classification", self.report.classification_id)
        self.initial.setdefault("category", self.report.category_id)


class HoldForm(ActionForm):
    missing = required_text(_("Data yang perlu dilengkapi pelapor"))


class NotInAuthorityForm(ActionForm):
    reason = required_text(_("Alasan bukan wewenang daerah"))


class RouteToPemdaForm(ActionForm):
    pemda: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Pemerintah daerah tujuan"), queryset=Organisation.objects.none()
    )
    note = optional_text(_("Catatan"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pemdas = Organisation.objects.filter(kind=OrganisationKind.PEMDA, is_active=True)
        self.model_field("pemda").queryset = without(pemdas, self.report.pemda_id)


class ForwardExternalForm(ActionForm):
    body_name = forms.CharField(label=_("Instansi tujuan"), max_length=200)
    note = optional_text(_("Catatan"))


class ArchiveForm(ActionForm):
    reason_code = forms.ChoiceField(label=_("Alasan pengarsipan"), choices=())
    note = optional_text(_("Keterangan"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("Pilih alasan")),
            *((k, str(v)) for k, v in ARCHIVE_REASONS.items()),
        ]


class DisposeForm(ActionForm):
    agencies: forms.ModelMultipleChoiceField[Organisation] = forms.ModelMultipleChoiceField(
        label=_("OPD yang menangani"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    lead: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("OPD utama (penanggung jawab)"),
        queryset=Organisation.objects.none(),
        help_text=_("OPD utama harus termasuk OPD yang dipilih di atas."),
    )
    instructions = optional_text(_("Arahan disposisi"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = agencies_of(self.report)
        self.model_field("agencies").queryset = agencies
        self.model_field("lead").queryset = agencies
        routes = CategoryRoute.objects.filter(
            category=self.report.category, pemda=self.report.pemda
        ).values_list("agency_id", flat=True)
        route = routes.first() if self.report.category_id and self.report.pemda_id else None
        default = route or self.report.requested_agency_id
        if default is not None:
            self.initial.setdefault("agencies", [default])
            self.initial.setdefault("lead", default)


class ReturnDispositionForm(ActionForm):
    reason = required_text(_("Alasan salah disposisi"))


class TransferForm(ActionForm):
    to_agency: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Limpahkan ke OPD"), queryset=Organisation.objects.none()
    )
    reason = required_text(_("Alasan pelimpahan"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model_field("to_agency").queryset = without(
            agencies_of(self.report), self.report.lead_agency_id
        )


class DisposeInternallyForm(ActionForm):
    division: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Bidang"), queryset=Organisation.objects.none()
    )
    instructions = optional_text(_("Arahan kepala dinas"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lead = lead_assignment(self.report)
        self.model_field("division").queryset = Organisation.objects.filter(
            kind=OrganisationKind.DIVISION,
            parent_id=lead.agency_id if lead else None,
            is_active=True,
        ).order_by("name")


class RequestClarificationForm(ActionForm):
    question = required_text(_("Pertanyaan untuk pelapor"))


class FieldCheckForm(ActionForm):
    multipart = True
    visited_on = forms.DateField(label=_("Tanggal pemeriksaan"), widget=DateInput())
    location = forms.CharField(label=_("Lokasi pemeriksaan"), max_length=300)
    findings = required_text(_("Hasil pemeriksaan"), rows=4)
    conclusion = required_text(_("Kesimpulan dan solusi"), rows=3)
    ba_number = forms.CharField(label=_("Nomor Berita Acara"), max_length=100)
    photos = MultipleFileField(label=_("Foto pemeriksaan"))
    official_record = MultipleFileField(
        label=_("Berkas Berita Acara"),
        help_text=_("PDF atau foto Berita Acara yang ditandatangani."),
    )


class SubmitDraftForm(ActionForm):
    multipart = True
    body = forms.CharField(
        label=_("Rumusan tindak lanjut"),
        widget=textarea(6),
        min_length=20,
        help_text=_("Jawaban yang akan disampaikan kepada pelapor setelah disetujui."),
    )
    attachments = MultipleFileField(label=_("Lampiran tindak lanjut"))


class ApproveDraftForm(ActionForm):
    note = optional_text(_("Catatan persetujuan"))


class ReturnDraftForm(ActionForm):
    note = required_text(_("Yang perlu diperbaiki"))


class CloseForm(ActionForm):
    note = optional_text(_("Catatan penutupan"))


class ReopenForm(ActionForm):
    reason = required_text(_("Alasan dibuka kembali"))


class ForwardOmbudsmanForm(ActionForm):
    note = optional_text(_("Catatan untuk Ombudsman RI"))
