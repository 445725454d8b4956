"""The subscription form of the staff page (the rules themselves live in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.webhooks.models import EventType
from tuntas.webhooks.services import DESCRIPTION_LENGTH
from tuntas.webhooks.targets import MAX_URL_LENGTH


def organisation_label(org: Organisation) -> str:
    if org.kind == OrganisationKind.NATIONAL:
        return str(_("%(name)s (semua pemerintah daerah)") % {"name": org.name})
    return org.name


class SubscriptionForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisasi"), coerce=int)
    url = forms.CharField(
        label=_("Alamat tujuan (URL)"),
        max_length=MAX_URL_LENGTH,
        help_text=_(
            "Peristiwa dikirim ke alamat ini dengan HTTP POST (JSON), ditandatangani dengan "
            "kunci rahasia langganan."
        ),
        widget=forms.URLInput(attrs={"autocomplete": "off", "inputmode": "url"}),
    )
    events = forms.MultipleChoiceField(
        label=_("Peristiwa yang dikirim"),
        choices=EventType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Keterangan"), max_length=DESCRIPTION_LENGTH, required=False
    )
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def __init__(
        self, *args: Any, organisations: list[Organisation], editing: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(o.pk, organisation_label(o)) for o in organisations]
        if editing:
            del self.fields["organisation"]
        else:
            del self.fields["is_active"]
