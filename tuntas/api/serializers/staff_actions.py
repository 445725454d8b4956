"""Input of each staff action on a report: one serializer per action, made from the
action's declared input (``tuntas.reports.actions.inputs``), so the API's request body,
its schema and the staff form always ask for the same fields."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tuntas.api.fields import organisation_field
from tuntas.api.serializers.base import Input
from tuntas.api.serializers.report_input import attachments_field
from tuntas.organisations.models import OrganisationKind
from tuntas.reports.actions.inputs import (
    ActionInput,
    Choice,
    Day,
    Files,
    Flag,
    InputField,
    Number,
    Organisations,
    Reference,
    Text,
    fields_of,
)


def _field(described: InputField) -> serializers.Field[Any, Any, Any, Any]:
    spec, required = described.spec, described.required
    doc = spec.doc or str(spec.label)
    if isinstance(spec, Text):
        if required:
            return serializers.CharField(
                help_text=doc, max_length=spec.max_length, min_length=spec.min_length
            )
        return serializers.CharField(
            help_text=doc, max_length=spec.max_length, required=False, allow_blank=True, default=""
        )
    if isinstance(spec, Flag):
        return serializers.BooleanField(required=False, allow_null=True, help_text=doc)
    if isinstance(spec, Day):
        return serializers.DateField(required=required, help_text=doc)
    if isinstance(spec, Files):
        return attachments_field(doc)
    if isinstance(spec, Number):
        return serializers.IntegerField(
            required=required,
            allow_null=not required,
            min_value=spec.minimum,
            max_value=spec.maximum,
            help_text=doc,
        )
    if isinstance(spec, Choice):
        return serializers.ChoiceField(
            choices=[(code, str(label)) for code, label in spec.choices()],
            required=required,
            help_text=doc,
        )
    if isinstance(spec, Organisations):
        extra: dict[str, Any] = {"required": required, "help_text": doc}
        if spec.many:
            extra.update(many=True, allow_empty=not required)
        return organisation_field(OrganisationKind(spec.kind), **extra)
    if isinstance(spec, Reference):
        assert spec.queryset is not None
        if spec.api_key == "pk":
            return serializers.PrimaryKeyRelatedField(
                queryset=spec.queryset(), required=required, allow_null=not required, help_text=doc
            )
        return serializers.SlugRelatedField(
            slug_field=spec.api_key,
            queryset=spec.queryset(),
            required=required,
            allow_null=not required,
            help_text=doc,
        )
    raise TypeError(f"no API field for {type(spec).__name__} ({described.name})")


_MADE: dict[type[ActionInput], type[Input] | None] = {}


def input_serializer(input_class: type[ActionInput]) -> type[Input] | None:
    """The request body of an action taking ``input_class``; None when it takes none
    (made once per input class, so the schema names each body once)."""
    if input_class not in _MADE:
        described = fields_of(input_class)
        made: type[Input] | None = None
        if described:
            attrs: dict[str, Any] = {d.name: _field(d) for d in described}
            made = type(input_class.__name__, (Input,), attrs)
        _MADE[input_class] = made
    return _MADE[input_class]


def takes_files(input_class: type[ActionInput]) -> bool:
    return any(isinstance(d.spec, Files) for d in fields_of(input_class))
