"""The machine API's inputs and outputs (documented in the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.fields import Field

from tuntas.api.serializers.base import Input
from tuntas.reports.actions.intake import TITLE_MAX_LENGTH

# A tracking ID travels in URL paths: letters, digits and hyphens only.
TRACKING_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{0,39}$"


def with_label(
    fields: dict[str, Field[Any, Any, Any, Any]], **options: Any
) -> dict[str, Field[Any, Any, Any, Any]]:
    """Add the field ``label`` (a class attribute of that name would shadow DRF's own)."""
    fields["label"] = serializers.CharField(**options)
    return fields


class FollowUpInput(Input):
    body = serializers.CharField(max_length=20000)
    agency = serializers.CharField(max_length=200, allow_blank=True, required=False)

    class Meta:
        ref_name = "FederationFollowUpInput"


class EventInput(Input):
    id = serializers.CharField(max_length=80, help_text="The event's id where it happened.")
    at = serializers.DateTimeField(help_text="When it happened (ISO 8601).")
    instance = serializers.CharField(max_length=120, help_text="Deployment it happened at.")
    sequence = serializers.IntegerField(min_value=0, help_text="Its id at that deployment.")
    action = serializers.CharField(max_length=48)
    from_status = serializers.CharField(max_length=32, allow_blank=True, required=False)
    status = serializers.CharField(max_length=32, allow_blank=True, required=False)
    status_label = serializers.CharField(max_length=200, allow_blank=True, required=False)
    who = serializers.CharField(max_length=200, allow_blank=True, required=False)
    reason = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    visibility = serializers.ChoiceField(choices=["public", "reporter"], default="reporter")
    followup = FollowUpInput(
        required=False, help_text="The answer published to the reporter (publish events)."
    )

    class Meta:
        ref_name = "FederationEventInput"

    def get_fields(self) -> dict[str, Field[Any, Any, Any, Any]]:
        return with_label(super().get_fields(), max_length=200)


class OriginInput(Input):
    instance = serializers.CharField(max_length=120)
    tracking_id = serializers.RegexField(
        TRACKING_ID_PATTERN, max_length=40, help_text="The report's tracking ID there."
    )
    status = serializers.CharField(max_length=32, allow_blank=True, required=False)
    status_label = serializers.CharField(max_length=200, allow_blank=True, required=False)

    class Meta:
        ref_name = "FederationOriginInput"


class ReportContentInput(Input):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    description = serializers.CharField(max_length=20000)
    classification = serializers.CharField(max_length=40)
    category = serializers.CharField(max_length=160, allow_blank=True, required=False)
    category_parent = serializers.CharField(max_length=160, allow_blank=True, required=False)
    incident_date = serializers.DateField(allow_null=True, required=False)
    location_text = serializers.CharField(max_length=300, allow_blank=True, required=False)
    latitude = serializers.DecimalField(
        max_digits=9, decimal_places=6, min_value=-90, max_value=90, allow_null=True, required=False
    )
    longitude = serializers.DecimalField(
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        allow_null=True,
        required=False,
    )
    is_anonymous = serializers.BooleanField(default=True)
    is_confidential = serializers.BooleanField(default=True)
    created_at = serializers.DateTimeField(required=False)

    class Meta:
        ref_name = "FederationReportContentInput"


class ReporterInput(Input):
    name = serializers.CharField(max_length=200, allow_blank=True, required=False)
    phone = serializers.CharField(max_length=32, allow_blank=True, required=False)
    email = serializers.EmailField(allow_blank=True, required=False)

    class Meta:
        ref_name = "FederationReporterInput"


class AttachmentInput(Input):
    name = serializers.CharField(max_length=200)
    content_type = serializers.CharField(max_length=100)
    size = serializers.IntegerField(min_value=0)
    sha256 = serializers.CharField(max_length=64, allow_blank=True, required=False)

    class Meta:
        ref_name = "FederationAttachmentInput"


class ForwardedReportInput(Input):
    version = serializers.IntegerField(min_value=1, max_value=1)
    origin = OriginInput()
    report = ReportContentInput()
    reporter = ReporterInput(
        allow_null=True,
        required=False,
        help_text="Only for a report that is not anonim; never the NIK.",
    )
    attachments = AttachmentInput(many=True, required=False, max_length=50)
    note = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    timeline = EventInput(many=True, max_length=1000)

    class Meta:
        ref_name = "FederationForwardedReportInput"


class RemoteReportInput(Input):
    tracking_id = serializers.RegexField(TRACKING_ID_PATTERN, max_length=40)
    status = serializers.CharField(max_length=32, allow_blank=True, required=False)

    class Meta:
        ref_name = "FederationRemoteReportInput"

    def get_fields(self) -> dict[str, Field[Any, Any, Any, Any]]:
        return with_label(super().get_fields(), max_length=200, allow_blank=True, required=False)


class EventsInput(Input):
    version = serializers.IntegerField(min_value=1, max_value=1)
    instance = serializers.CharField(max_length=120)
    report = RemoteReportInput()
    events = EventInput(many=True, min_length=1, max_length=1000)

    class Meta:
        ref_name = "FederationEventsInput"


class ReceivedOutput(serializers.Serializer[Any]):
    tracking_id = serializers.CharField(help_text="The report's tracking ID here.")
    status = serializers.CharField()
    status_label = serializers.CharField()
    created = serializers.BooleanField(help_text="False when this was a repeat.")

    class Meta:
        ref_name = "FederationReceivedOutput"


class EventsOutput(serializers.Serializer[Any]):
    copied = serializers.IntegerField()
    repeated = serializers.IntegerField()
    remote_status = serializers.CharField()

    class Meta:
        ref_name = "FederationEventsOutput"


class EntryOutput(serializers.Serializer[Any]):
    at = serializers.DateTimeField()
    instance = serializers.CharField()
    sequence = serializers.IntegerField()
    action = serializers.CharField()
    from_status = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    who = serializers.CharField()
    reason = serializers.CharField()
    visibility = serializers.CharField()

    class Meta:
        ref_name = "FederationTimelineEntry"

    def get_fields(self) -> dict[str, Field[Any, Any, Any, Any]]:
        return with_label(super().get_fields())


class TimelineOutput(serializers.Serializer[Any]):
    tracking_id = serializers.CharField()
    status = serializers.CharField()
    instance = serializers.CharField()
    links = serializers.ListField(child=serializers.DictField())
    timeline = EntryOutput(many=True)

    class Meta:
        ref_name = "FederationTimeline"


class ForwardInput(Input):
    peer = serializers.IntegerField(min_value=1, help_text="The peer's id.")
    note = serializers.CharField(max_length=5000, allow_blank=True, required=False)

    class Meta:
        ref_name = "FederationForwardInput"


class ForwardOutput(serializers.Serializer[Any]):
    tracking_id = serializers.CharField()
    status = serializers.CharField()
    forwarded_to = serializers.CharField()

    class Meta:
        ref_name = "FederationForwardOutput"
