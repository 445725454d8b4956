"""The notification preference form and the dead-letter filter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tuntas.outbox.dead_letters import DEAD, FAILING
from tuntas.outbox.models import DeliveryChannel
from tuntas.outbox.preferences import ChannelAvailability


class PreferencesForm(forms.Form):
    email = forms.BooleanField(label=_("E-mail"), required=False)
    whatsapp = forms.BooleanField(label=_("WhatsApp"), required=False)
    sms = forms.BooleanField(label=_("SMS"), required=False)
    daily_digest = forms.BooleanField(
        label=_("Ringkasan harian (pukul 07.00)"),
        required=False,
        help_text=_(
            "Daftar laporan dalam cakupan Anda yang terlambat atau jatuh tempo sampai akhir "
            "hari kerja berikutnya. Tidak dikirim bila tidak ada."
        ),
    )

    def __init__(
        self, *args: Any, availability: ChannelAvailability, is_staff: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        can = availability
        email = self.fields["email"]
        if can.email:
            email.help_text = _("Dikirim ke %(address)s.") % {"address": can.email_address}
        else:
            email.help_text = _("Akun Anda belum memiliki alamat e-mail.")
            email.disabled = not self.initial.get("email")
        for name, configured in (
            ("whatsapp", can.whatsapp_configured),
            ("sms", can.sms_configured),
        ):
            field = self.fields[name]
            if not configured:
                field.help_text = _("Belum tersedia di layanan ini.")
                field.disabled = True
            elif not can.phone:
                field.help_text = _(
                    "Nomor telepon di akun Anda kosong atau bukan nomor seluler Indonesia."
                )
                field.disabled = not self.initial.get(name)
            else:
                field.help_text = _("Dikirim ke +%(number)s.") % {"number": can.phone}
        if not is_staff:
            del self.fields["daily_digest"]


STATE_CHOICES = [
    ("", _("Semua yang bermasalah")),
    (DEAD, _("Gagal permanen")),
    (FAILING, _("Masih dicoba ulang")),
]


class DeadLetterFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("Keadaan"), required=False, choices=STATE_CHOICES)
    channel = forms.ChoiceField(
        label=_("Kanal"),
        required=False,
        choices=[("", _("Semua kanal")), *DeliveryChannel.choices],
    )
    event = forms.ChoiceField(label=_("Peristiwa"), required=False)

    def __init__(self, *args: Any, events: list[tuple[str, str]], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_filter_%s")
        super().__init__(*args, **kwargs)
        event = self.fields["event"]
        assert isinstance(event, forms.ChoiceField)
        event.choices = [("", _("Semua peristiwa")), *events]
