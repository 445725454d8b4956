"""Citizen forms: they parse and check the shape of input; the actions own the rules."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tuntas.core.errors import ValidationFailed
from tuntas.core.widgets import IsoDateInput
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.reference.models import Category, Classification, Region, RegionLevel
from tuntas.reports.actions.intake import TITLE_MAX_LENGTH
from tuntas.reports.models import PUBLIC_STATUSES, Status

ACCEPT = "image/jpeg,image/png,image/webp,application/pdf,.jpg,.jpeg,.png,.webp,.pdf"
Choices = list[tuple[Any, Any]]
# The submit form's token: one report per token (``reports.submissions``). Signed so a
# client cannot pick its own; valid for a day after the form was given out.
FORM_TOKEN_SALT = "tuntas.citizen.submit-form"  # noqa: S105 (a signing salt, not a secret)
FORM_TOKEN_MAX_AGE = 24 * 60 * 60


def issue_form_token() -> str:
    return signing.TimestampSigner(salt=FORM_TOKEN_SALT).sign(secrets.token_urlsafe(24))


def read_form_token(token: str) -> str | None:
    """The token's random value, or None when it is missing, forged or expired."""
    try:
        return signing.TimestampSigner(salt=FORM_TOKEN_SALT).unsign(
            token, max_age=FORM_TOKEN_MAX_AGE
        )
    except signing.BadSignature:
        return None


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """``<input type=file multiple>``; cleans to a (possibly empty) list of uploads."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        single = super().clean
        return [single(item, initial) for item in items if item]


def apply_errors(form: forms.Form, exc: ValidationFailed) -> None:
    """Show an action's ValidationFailed on the form (unknown fields as form errors)."""
    for field, messages in exc.errors.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)
    if not exc.errors:
        form.add_error(None, exc.message)


def category_choices(empty_label: str, *, whole_topics: bool = False) -> Choices:
    """Active categories grouped by topic (one ``<optgroup>`` per topic).

    With ``whole_topics`` each group starts with the topic itself (to filter by it).
    """
    choices: Choices = [("", empty_label)]
    topics = Category.objects.filter(parent=None, is_active=True).prefetch_related("children")
    for topic in topics.order_by("name"):
        children = sorted(
            (c for c in topic.children.all() if c.is_active), key=lambda c: c.name.lower()
        )
        if children:
            options = [(str(c.pk), c.name) for c in children]
            if whole_topics:
                label = _("Semua: %(topic)s") % {"topic": topic.name}
                options.insert(0, (str(topic.pk), str(label)))
            choices.append((topic.name, options))
        else:
            choices.append((str(topic.pk), topic.name))
    return choices


def _grouped(rows: Sequence[tuple[str, str, str]], empty_label: str) -> Choices:
    """(group, value, label) rows, already ordered by group, as grouped choices."""
    choices: Choices = [("", empty_label)]
    groups: dict[str, list[tuple[str, str]]] = {}
    for group, value, label in rows:
        groups.setdefault(group, []).append((value, label))
    choices.extend((group, options) for group, options in groups.items())
    return choices


def region_choices() -> Choices:
    regions = (
        Region.objects.filter(
            pemda__isnull=False, level__in=[RegionLevel.DISTRICT, RegionLevel.VILLAGE]
        )
        .select_related("pemda", "parent")
        .order_by("pemda__name", "code")
    )
    rows: list[tuple[str, str, str]] = []
    for region in regions:
        assert region.pemda is not None
        if region.level == RegionLevel.VILLAGE and region.parent is not None:
            label = f"{region.name} ({region.get_level_display()}, {region.parent.name})"
        else:
            label = f"{region.name} ({region.get_level_display()})"
        rows.append((str(region.pemda), str(region.pk), label))
    return _grouped(rows, str(_("— Tidak dipilih —")))


def agency_choices() -> Choices:
    agencies = (
        Organisation.objects.filter(kind=OrganisationKind.AGENCY, is_active=True)
        .select_related("parent")
        .order_by("parent__name", "name")
    )
    rows = [(str(a.parent) if a.parent else str(_("Lainnya")), str(a.pk), a.name) for a in agencies]
    return _grouped(rows, str(_("— Biarkan admin yang menentukan —")))


def pemda_queryset() -> Any:
    return Organisation.objects.filter(kind=OrganisationKind.PEMDA, is_active=True).order_by("name")


class SubmitForm(forms.Form):
    pemda = forms.ModelChoiceField(
        label=_("Pemerintah daerah tujuan"),
        queryset=Organisation.objects.none(),
        empty_label=_("— Pilih pemerintah daerah —"),
        help_text=_("Kabupaten/kota tempat masalah terjadi."),
    )
    classification = forms.ModelChoiceField(
        label=_("Jenis laporan"),
        queryset=Classification.objects.none(),
        empty_label=None,
        help_text=_(
            "Aspirasi: usul atau saran. Permintaan informasi: Anda ingin tahu sesuatu. "
            "Pengaduan: ada layanan yang bermasalah (pilih 'berkadar pengawasan' bila perlu "
            "diperiksa ke lapangan). Bila ragu, pilih Pengaduan; petugas akan memeriksanya."
        ),
    )
    category = forms.ChoiceField(
        label=_("Kategori"),
        required=False,
        help_text=_("Topik laporan. Bila tidak ada yang cocok, biarkan kosong."),
    )
    title = forms.CharField(
        label=_("Judul laporan"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_("Singkat dan jelas, misalnya: Jalan berlubang di depan SDN 1 Selat."),
    )
    description = forms.CharField(
        label=_("Isi laporan"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Ceritakan apa yang terjadi, di mana, sejak kapan, dan apa yang Anda harapkan. "
            "Jangan menulis data pribadi yang tidak perlu."
        ),
    )
    incident_date = forms.DateField(
        label=_("Tanggal kejadian"),
        required=False,
        widget=IsoDateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        help_text=_("Format: tahun-bulan-tanggal, misalnya 2025-03-17."),
    )
    location_text = forms.CharField(
        label=_("Lokasi"),
        max_length=300,
        required=False,
        help_text=_("Alamat atau patokan tempat kejadian."),
    )
    region = forms.ChoiceField(
        label=_("Kecamatan / desa"),
        required=False,
        help_text=_("Pilih yang berada di pemerintah daerah tujuan."),
    )
    requested_agency = forms.ChoiceField(
        label=_("Instansi (OPD) yang dituju"),
        required=False,
        help_text=_("Bila tidak tahu, biarkan kosong: admin akan meneruskannya ke OPD yang tepat."),
    )
    attachments = MultipleFileField(
        label=_("Lampiran (foto atau dokumen)"),
        help_text=_(
            "Foto JPG, PNG, WebP atau dokumen PDF. Data lokasi (EXIF) pada foto dihapus "
            "otomatis. Bila formulir ditolak, pilih ulang berkas Anda."
        ),
    )
    is_anonymous = forms.BooleanField(
        label=_("Anonim: sembunyikan identitas saya"),
        required=False,
        initial=True,
        help_text=_(
            "Nama dan kontak Anda tidak ditampilkan kepada instansi terlapor maupun publik; "
            "hanya admin pengelola pengaduan yang dapat melihatnya."
        ),
    )
    is_confidential = forms.BooleanField(
        label=_("Rahasia: jangan tampilkan laporan ini di daftar publik"),
        required=False,
        initial=True,
        help_text=_(
            "Isi laporan hanya dapat dilihat oleh Anda dan petugas yang menanganinya. "
            "Hapus centang bila Anda ingin laporan dapat dibaca masyarakat."
        ),
    )
    # A signed-out reporter must give one way to reach them (e-mail or phone: the
    # intake rule, ``reports.actions.intake``); a name and NIK are theirs to give or not
    # (seed SOPs and LAPOR! take reports without one).
    reporter_name = forms.CharField(
        label=_("Nama Anda"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Boleh dikosongkan: petugas akan menyebut Anda “Pelapor”."),
    )
    reporter_nik = forms.CharField(
        label=_("NIK"),
        max_length=16,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("Nomor Induk Kependudukan, 16 angka. Boleh dikosongkan."),
    )
    reporter_phone = forms.CharField(
        label=_("Nomor telepon / WhatsApp"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    reporter_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_(
            "Isi e-mail, nomor telepon, atau keduanya: salah satu wajib, agar kami dapat "
            "mengabari perkembangan laporan."
        ),
    )

    form_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    IDENTITY_FIELDS = ("reporter_name", "reporter_nik", "reporter_phone", "reporter_email")

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.signed_in = signed_in
        if signed_in:
            for name in self.IDENTITY_FIELDS:
                del self.fields[name]
        pemda_field = self.fields["pemda"]
        assert isinstance(pemda_field, forms.ModelChoiceField)
        pemda_field.queryset = pemda_queryset()
        classification_field = self.fields["classification"]
        assert isinstance(classification_field, forms.ModelChoiceField)
        classification_field.queryset = Classification.objects.order_by("order", "name")
        if not self.is_bound:
            default = Classification.objects.filter(code="complaint").first()
            if default is not None:
                self.initial.setdefault("classification", default.pk)
        self.set_choices("category", category_choices(str(_("— Tidak tahu / lainnya —"))))
        self.set_choices("region", region_choices())
        self.set_choices("requested_agency", agency_choices())
        date_widget = self.fields["incident_date"].widget
        date_widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.is_bound:
            self.initial["form_token"] = issue_form_token()

    def renew_token(self) -> None:
        """Give the re-rendered form a fresh token (its next post is a new submission)."""
        data = QueryDict(mutable=True)
        data.update(self.data)
        data["form_token"] = issue_form_token()
        self.data = data

    def clean_form_token(self) -> str:
        """The token's random value ("" when missing, forged or expired: see clean)."""
        return read_form_token(str(self.cleaned_data.get("form_token") or "")) or ""

    def set_choices(self, name: str, choices: Choices) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean_category(self) -> Category | None:
        value = self.cleaned_data.get("category")
        if not value:
            return None
        return Category.objects.filter(pk=value, is_active=True).first()

    def clean_region(self) -> Region | None:
        value = self.cleaned_data.get("region")
        return Region.objects.filter(pk=value).first() if value else None

    def clean_requested_agency(self) -> Organisation | None:
        value = self.cleaned_data.get("requested_agency")
        if not value:
            return None
        return Organisation.objects.filter(
            pk=value, kind=OrganisationKind.AGENCY, is_active=True
        ).first()

    def clean_reporter_nik(self) -> str:
        return "".join(str(self.cleaned_data.get("reporter_nik", "")).split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("form_token"):
            # The re-rendered form carries a fresh token (the view renews it).
            self.add_error(
                None,
                _(
                    "Formulir ini sudah kedaluwarsa atau tidak lengkap. Periksa isian Anda, "
                    "pilih ulang lampiran bila ada, lalu kirim lagi."
                ),
            )
        pemda = data.get("pemda")
        agency = data.get("requested_agency")
        if pemda is not None and agency is not None:
            agency_pemda = agency.get_pemda()
            if agency_pemda is None or agency_pemda.pk != pemda.pk:
                self.add_error(
                    "requested_agency",
                    _("Instansi ini tidak berada di pemerintah daerah yang Anda pilih."),
                )
        return data


class TrackForm(forms.Form):
    tracking_id = forms.CharField(
        label=_("Nomor pelacakan"),
        max_length=30,
        help_text=_("Contoh: LPR-2503-ABC234."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
    )
    access_code = forms.CharField(
        label=_("Kode akses"),
        max_length=40,
        help_text=_("Kode rahasia 8 karakter yang Anda terima saat mengirim laporan."),
        widget=forms.PasswordInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off"}, render_value=False
        ),
    )

    def clean_tracking_id(self) -> str:
        return "".join(str(self.cleaned_data["tracking_id"]).split()).upper()

    def clean_access_code(self) -> str:
        return "".join(str(self.cleaned_data["access_code"]).split()).upper()


class CompleteForm(forms.Form):
    details = forms.CharField(
        label=_("Data yang Anda lengkapi"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Jawab apa yang diminta petugas selengkap mungkin."),
    )
    attachments = MultipleFileField(
        label=_("Lampiran tambahan"),
        help_text=_("Foto JPG, PNG, WebP atau dokumen PDF."),
    )


class ClarifyForm(forms.Form):
    answer = forms.CharField(
        label=_("Jawaban klarifikasi"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    attachments = MultipleFileField(
        label=_("Lampiran tambahan"),
        help_text=_("Foto JPG, PNG, WebP atau dokumen PDF."),
    )


class ReplyForm(forms.Form):
    SATISFIED = "Y"
    NOT_SATISFIED = "T"

    answer = forms.ChoiceField(
        label=_("Apakah Anda puas dengan tindak lanjut ini?"),
        choices=[
            (SATISFIED, _("Y — Puas: masalah sudah selesai")),
            (NOT_SATISFIED, _("T — Belum puas: minta ditindaklanjuti lagi")),
        ],
        widget=forms.RadioSelect,
    )
    rating = forms.TypedChoiceField(
        label=_("Penilaian"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", _("— Tanpa penilaian —")),
            (5, _("5 — Sangat baik")),
            (4, _("4 — Baik")),
            (3, _("3 — Cukup")),
            (2, _("2 — Kurang")),
            (1, _("1 — Sangat kurang")),
        ],
    )
    comment = forms.CharField(
        label=_("Komentar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wajib diisi bila Anda belum puas: jelaskan apa yang belum selesai."),
    )


class PublicFilterForm(forms.Form):
    pemda = forms.ModelChoiceField(
        label=_("Pemerintah daerah"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Semua"),
    )
    category = forms.ChoiceField(label=_("Kategori"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        pemda_field = self.fields["pemda"]
        assert isinstance(pemda_field, forms.ModelChoiceField)
        pemda_field.queryset = pemda_queryset()
        category_field = self.fields["category"]
        assert isinstance(category_field, forms.ChoiceField)
        category_field.choices = category_choices(str(_("Semua")), whole_topics=True)
        status_field = self.fields["status"]
        assert isinstance(status_field, forms.ChoiceField)
        status_field.choices = [("", _("Semua"))] + [
            (s.value, s.label) for s in Status if s in PUBLIC_STATUSES
        ]

    def clean_category(self) -> Category | None:
        value = self.cleaned_data.get("category")
        return Category.objects.filter(pk=value).first() if value else None
