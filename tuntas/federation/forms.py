"""Forms of the federation staff pages (labels in Indonesian)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tuntas.accounts.models import User
from tuntas.federation.models import Peer
from tuntas.federation.peers import mappable_organisations
from tuntas.organisations.models import Organisation


class PeerForm(forms.Form):
    name = forms.CharField(
        label=_("Nama instansi Tuntas"),
        max_length=120,
        help_text=_("Nama yang tampil di riwayat laporan, mis. Tuntas Nasional."),
    )
    base_url = forms.URLField(
        label=_("Alamat dasar"),
        max_length=200,
        assume_scheme="https",
        help_text=_("Mis. https://tuntas.contoh.go.id (tanpa /api/)."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Pemerintah daerah penerima"),
        queryset=Organisation.objects.none(),
        help_text=_("Laporan yang diteruskan instansi ini masuk ke sini, menunggu verifikasi."),
    )
    outbound_key = forms.CharField(
        label=_("Kunci API dari instansi tersebut"),
        max_length=200,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_("Disimpan di server dan tidak ditampilkan lagi."),
    )
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(self, *args: Any, user: User, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = mappable_organisations(user)
        if editing:
            self.fields["outbound_key"].help_text = _(
                "Kosongkan untuk tetap memakai kunci yang tersimpan."
            )


class ForwardForm(forms.Form):
    peer = forms.ModelChoiceField(
        label=_("Instansi Tuntas tujuan"), queryset=Peer.objects.none(), empty_label=None
    )
    note = forms.CharField(
        label=_("Catatan untuk instansi tujuan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tampil di riwayat laporan yang dibaca pelapor."),
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["peer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Peer.objects.filter(is_active=True).exclude(outbound_key="").order_by("name")
        )
