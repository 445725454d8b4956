"""Serializer fields the API needs beyond DRF's own."""

from __future__ import annotations

from typing import Any

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
