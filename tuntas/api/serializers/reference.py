"""Reference data: regional governments, agencies, classifications, categories, channels,
regions."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tuntas.api.fields import organisation_field
from tuntas.api.serializers.base import Query
from tuntas.api.serializers.common import CodeNameSerializer
from tuntas.organisations.models import OrganisationKind
from tuntas.reference.models import RegionLevel


class PemdaSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    timezone = serializers.CharField()


class AgencySerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    pemda = serializers.CharField(source="parent.code", help_text="Code of the Pemda.")
    divisions = CodeNameSerializer(
        many=True, help_text="Divisions (bidang), for internal disposition."
    )


class ClassificationSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    requires_examination = serializers.BooleanField()
    default_followup_days = serializers.IntegerField()


class CategorySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    parent = serializers.IntegerField(source="parent_id", allow_null=True)  # type: ignore[assignment]  # DRF declared field
    full_name = serializers.CharField(source="__str__")


class ChannelSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    is_outside_system = serializers.BooleanField(
        help_text="Reports from this channel are typed in by staff (POST /api/staff/reports/)."
    )


class RegionSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.ChoiceField(choices=RegionLevel.choices)
    parent = serializers.CharField(source="parent.code", allow_null=True, default=None)  # type: ignore[assignment]  # DRF declared field
    pemda = serializers.CharField(source="pemda.code", allow_null=True, default=None)


class PemdaFilterSerializer(Query):
    pemda = organisation_field(
        OrganisationKind.PEMDA, required=False, help_text="Code of a Pemda, e.g. `kapuas`."
    )


class RegionFilterSerializer(PemdaFilterSerializer):
    level = serializers.ChoiceField(choices=RegionLevel.choices, required=False)
    parent = serializers.CharField(required=False, help_text="Code of the parent region.")  # type: ignore[assignment]  # DRF declared field
