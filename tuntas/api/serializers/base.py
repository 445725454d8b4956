"""The base of every input serializer: DRF messages in Indonesian.

DRF's Indonesian catalogue lacks some messages ("Must be a valid boolean.", "Expected
a list of items…"); every input serializer derives from ``Input`` so that a refused
field always gets an Indonesian sentence.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import fields, relations, serializers

MESSAGES: list[tuple[type[Any], dict[str, Any]]] = [
    (fields.BooleanField, {"invalid": _("Harus bernilai true atau false.")}),
    (fields.CharField, {"invalid": _("Harus berupa teks.")}),
    (
        fields.ListField,
        {
            "not_a_list": _('Harus berupa daftar (list), bukan "{input_type}".'),
            "empty": _("Daftar ini tidak boleh kosong."),
        },
    ),
    (
        relations.ManyRelatedField,
        {
            "not_a_list": _('Harus berupa daftar (list), bukan "{input_type}".'),
            "empty": _("Daftar ini tidak boleh kosong."),
        },
    ),
    (
        relations.SlugRelatedField,
        {"does_not_exist": _('Kode "{value}" tidak dikenal.'), "invalid": _("Kode tidak sah.")},
    ),
    (
        relations.PrimaryKeyRelatedField,
        {"incorrect_type": _("Harus berupa nomor id, bukan {data_type}.")},
    ),
    (
        fields.FileField,
        {"invalid": _("Yang dikirim bukan berkas. Kirim sebagai multipart/form-data.")},
    ),
]


def localise(field: Any) -> None:
    for kind, messages in MESSAGES:
        if isinstance(field, kind):
            field.error_messages.update(messages)
    if isinstance(field, fields.ListField):
        localise(field.child)
    if isinstance(field, relations.ManyRelatedField):
        localise(field.child_relation)


class Input(serializers.Serializer[Any]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages["invalid"] = _("Data harus berupa objek JSON, bukan {datatype}.")

    def get_fields(self) -> dict[str, Any]:
        found = super().get_fields()
        for field in found.values():
            localise(field)
        return found
