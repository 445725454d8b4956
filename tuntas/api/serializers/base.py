"""The base of every input serializer: DRF messages in Indonesian, JSON types checked.

DRF's Indonesian catalogue lacks some messages ("Must be a valid boolean.", "Expected
a list of items…"); every input serializer derives from ``Input`` so that a refused
field always gets an Indonesian sentence.

DRF also coerces JSON values silently (``{"reason": 42}`` becomes the text ``"42"``,
``{"rating": "5"}`` the number 5). A JSON body must use the types the schema documents,
so ``Input`` refuses the wrong JSON type with 400 before DRF converts anything. Forms
(multipart) and query strings carry only text, so there DRF's parsing applies; ``Query``
(for query-string filters) also refuses an empty value (``?pemda=``) instead of ignoring it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.validators import RegexValidator
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.text import format_lazy
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
    if (
        type(field) in (fields.CharField, fields.EmailField)
        and not field.allow_blank
        and field.trim_whitespace
        and not any(isinstance(v, RegexValidator) for v in field.validators)
    ):
        # Documents that text of spaces only counts as empty (DRF trims it): the schema
        # says "pattern: \S". The validator itself never refuses what trimming let through.
        field.validators.append(RegexValidator(r"\S"))
    if isinstance(field, fields.BooleanField):
        # DRF reads a flag missing from a form as false. Missing means missing here, as in
        # JSON: "required" for a required flag, the default (or no change) for another.
        field.default_empty_html = fields.empty
    if isinstance(field, fields.ListField):
        localise(field.child)
    if isinstance(field, relations.ManyRelatedField):
        localise(field.child_relation)


_TEXT = _("Harus berupa teks.")
_INTEGER = _("Harus berupa bilangan bulat.")
_NUMBER = _("Harus berupa bilangan.")
_BOOLEAN = _("Harus bernilai true atau false.")
_LIST_NOT = _('Harus berupa daftar (list), bukan "{input_type}".')
_OBJECT = _("Harus berupa objek JSON.")
_EMPTY = _("Kode tidak boleh kosong: kirim null atau hapus kolom ini.")


def json_type_error(field: Any, value: Any) -> Promise | None:
    """Why ``value`` (parsed from JSON) has the wrong type for ``field``, or None."""
    if value is None or isinstance(field, fields.FileField | fields.JSONField):
        return None  # null: DRF's allow_null decides; files never come as JSON
    if isinstance(field, relations.ManyRelatedField | fields.ListField):
        if not isinstance(value, list):
            return format_lazy(_LIST_NOT, input_type=type(value).__name__)
        child = (
            field.child_relation if isinstance(field, relations.ManyRelatedField) else field.child
        )
        for item in value:
            if problem := json_type_error(child, item):
                return problem
        return None
    if isinstance(field, serializers.BaseSerializer):
        wanted: type | tuple[type, ...] = list if getattr(field, "many", False) else dict
        if isinstance(value, wanted):
            return None
        return (
            format_lazy(_LIST_NOT, input_type=type(value).__name__) if wanted is list else _OBJECT
        )
    if isinstance(field, fields.DictField):
        return None if isinstance(value, dict) else _OBJECT
    if isinstance(field, fields.BooleanField):
        return None if isinstance(value, bool) else _BOOLEAN
    if isinstance(field, fields.IntegerField | relations.PrimaryKeyRelatedField):
        return None if isinstance(value, int) and not isinstance(value, bool) else _INTEGER
    if isinstance(field, fields.FloatField | fields.DecimalField):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok else _NUMBER
    if isinstance(field, fields.ChoiceField):
        if all(isinstance(key, str) for key in field.choices):
            return None if isinstance(value, str) else _TEXT
        return None
    if isinstance(
        field,
        fields.CharField
        | fields.DateField
        | fields.DateTimeField
        | fields.TimeField
        | relations.SlugRelatedField,
    ):
        if not isinstance(value, str):
            return _TEXT
        if value == "" and isinstance(field, relations.SlugRelatedField):
            return _EMPTY  # DRF would read "" as null
        return None
    return None


class Input(serializers.Serializer[Any]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages["invalid"] = _("Data harus berupa objek JSON, bukan {datatype}.")

    def get_fields(self) -> dict[str, Any]:
        found = super().get_fields()
        for field in found.values():
            localise(field)
        return found

    def to_internal_value(self, data: Any) -> Any:
        errors: dict[str, Any] = {}
        if isinstance(data, QueryDict):
            errors = {
                name: [str(_BOOLEAN)]
                for name, field in self.fields.items()
                if isinstance(field, fields.BooleanField)
                and name in data
                and not all(_is_form_boolean(field, value) for value in data.getlist(name))
            }
        elif isinstance(data, Mapping):
            errors = {
                name: [str(problem)]
                for name, field in self.fields.items()
                if not field.read_only
                and name in data
                and (problem := json_type_error(field, data[name])) is not None
            }
        if not errors:
            return super().to_internal_value(data)
        # Report the other fields' problems too, as DRF would, in one answer.
        rest: Any
        if isinstance(data, QueryDict):
            rest = QueryDict(mutable=True)
            for key in data:
                if key not in errors:
                    rest.setlist(key, data.getlist(key))
        else:
            rest = {key: value for key, value in data.items() if key not in errors}
        try:
            super().to_internal_value(rest)
        except serializers.ValidationError as exc:
            if isinstance(exc.detail, Mapping):
                errors = {**exc.detail, **errors}
        raise serializers.ValidationError(errors)


def _is_form_boolean(field: fields.BooleanField, value: str) -> bool:
    """A flag in a form or query string is ``true`` or ``false`` (as the schema says), not
    DRF's whole list of truthy words ("1", "yes", "on", …); null where it is allowed."""
    text = value.strip().lower()
    return text in {"true", "false"} or (field.allow_null and text in {"null", ""})


class Query(Input):
    """Filters read from the query string: an empty value is refused, not ignored."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, QueryDict):
            errors = {
                name: [str(_("Tidak boleh kosong: hapus parameter ini untuk tidak menyaring."))]
                for name, field in self.fields.items()
                if name in data
                and any(value == "" for value in data.getlist(name))
                and not getattr(field, "allow_blank", False)
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)
