"""What a new report carries, whether a citizen submits it or staff type it in."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tuntas.api.fields import FlagField, organisation_field
from tuntas.api.serializers.base import Input
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.reference.models import Category, Channel, Classification, Region
from tuntas.reports.actions import ReportInput
from tuntas.reports.actions.intake import DESCRIPTION_MIN_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH
from tuntas.reports.uploads import CheckedFile


def attachments_field(help_text: str = "") -> serializers.ListField:
    return serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text=help_text
        or "Photos (JPG, PNG, WebP) or PDF documents; send as multipart/form-data.",
    )


class ReportFieldsSerializer(Input):
    """Fields common to a citizen's submission and a staff intake."""

    title = serializers.CharField(
        min_length=TITLE_MIN_LENGTH,
        max_length=TITLE_MAX_LENGTH,
        help_text=f"At least {TITLE_MIN_LENGTH} characters.",
    )
    description = serializers.CharField(
        min_length=DESCRIPTION_MIN_LENGTH,
        help_text=f"What, where and when; at least {DESCRIPTION_MIN_LENGTH} characters.",
    )
    classification = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Classification.objects.all(),
        help_text="Code from GET /api/classifications/.",
    )
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="Id from GET /api/categories/.",
    )
    incident_date = serializers.DateField(required=False, allow_null=True)
    location_text = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default=""
    )
    region = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.all(),
        required=False,
        allow_null=True,
        help_text="Region code from GET /api/regions/ (kecamatan or desa).",
    )
    requested_agency = organisation_field(
        OrganisationKind.AGENCY,
        required=False,
        allow_null=True,
        help_text="The agency the reporter thinks is responsible (code), optional.",
    )
    reporter_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    reporter_nik = serializers.CharField(
        max_length=16, required=False, allow_blank=True, default="", help_text="16 digits."
    )
    reporter_phone = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default=""
    )
    reporter_email = serializers.EmailField(required=False, allow_blank=True, default="")
    is_anonymous = FlagField(
        default=True, help_text="Anonim: hide the reporter from agencies and the public."
    )
    is_confidential = FlagField(
        default=True, help_text="Rahasia: keep the report off the public list."
    )
    attachments = attachments_field()


class SubmitSerializer(ReportFieldsSerializer):
    """A citizen's report (anonymous callers must give an e-mail or a phone number)."""

    pemda = organisation_field(
        OrganisationKind.PEMDA, help_text="Code of the regional government (GET /api/pemda/)."
    )
    channel = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Channel.objects.filter(is_outside_system=False),
        required=False,
        help_text="Channel code of the calling app (`api` if omitted).",
    )

    class Meta:
        ref_name = "ReportSubmit"


class IntakeSerializer(ReportFieldsSerializer):
    """A report from an outside channel, typed in by a coordinator or a liaison admin."""

    channel = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Channel.objects.all(),
        help_text="Where the report came from (GET /api/channels/), e.g. `whatsapp`.",
    )
    organisation = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.filter(
            kind__in=[OrganisationKind.PEMDA, OrganisationKind.AGENCY], is_active=True
        ),
        required=False,
        allow_null=True,
        help_text=(
            "Your Pemda (coordinator) or agency (liaison admin), by code; needed only "
            "when you hold that role in more than one."
        ),
    )
    solved_answer = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="If the matter was already solved: the answer, published at once.",
    )

    class Meta:
        ref_name = "ReportIntake"


def to_report_input(data: dict[str, Any], attachments: list[CheckedFile]) -> ReportInput:
    """The action's input from validated serializer data."""
    return ReportInput(
        title=data["title"],
        description=data["description"],
        classification=data["classification"],
        channel=data["channel"],
        pemda=data.get("pemda"),
        category=data.get("category"),
        incident_date=data.get("incident_date"),
        location_text=data.get("location_text", ""),
        region=data.get("region"),
        requested_agency=data.get("requested_agency"),
        reporter_name=data.get("reporter_name", ""),
        reporter_nik=data.get("reporter_nik", ""),
        reporter_phone=data.get("reporter_phone", ""),
        reporter_email=data.get("reporter_email", ""),
        is_anonymous=data.get("is_anonymous", True),
        is_confidential=data.get("is_confidential", True),
        attachments=attachments,
    )
