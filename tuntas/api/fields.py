"""Serializer fields the API needs beyond DRF's own."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers
from rest_framework.fields import empty

from tuntas.organisations.models import Organisation, OrganisationKind


class FlagField(serializers.BooleanField):
    """A boolean whose default also applies to multipart forms.

    DRF reads a missing checkbox in a form as ``False``; for privacy flags that would
    silently expose a reporter, so a missing value means "use the default" here too.
    """

    default_empty_html = empty


def organisation_field(kind: OrganisationKind, **kwargs: Any) -> serializers.SlugRelatedField[Any]:
    """An organisation of one kind, given by its code (e.g. ``kapuas-pupr``)."""
    return serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.filter(kind=kind, is_active=True),
        **kwargs,
    )


class ManyRelatedFieldSchema(OpenApiSerializerFieldExtension):  # type: ignore[no-untyped-call]
    """A list that may not be empty (``allow_empty=False``) is documented with ``minItems: 1``
    (drf-spectacular leaves it out)."""

    target_class = "rest_framework.relations.ManyRelatedField"

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> Any:
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if not self.target.allow_empty and schema.get("type") == "array":
            schema["minItems"] = max(1, schema.get("minItems", 0))
        return schema


class ListFieldSchema(ManyRelatedFieldSchema):  # type: ignore[no-untyped-call]
    target_class = "rest_framework.fields.ListField"
