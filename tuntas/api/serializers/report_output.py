"""How a report is shown: to the public, to its reporter and to staff.

The public's and the reporter's answers are built by ``tuntas.api.presenters`` (on the
rules of ``tuntas.reports.disclosure``); the staff answer is the staff view
(``tuntas.reports.staff_view.StaffView``) read as it is. These serializers only give
them their documented shape.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from django.urls import reverse
from rest_framework import serializers

from tuntas.api.serializers.common import (
    CategoryRefSerializer,
    CodeNameSerializer,
    OrganisationRefSerializer,
    RegionRefSerializer,
)
from tuntas.api.staff_actions import slug_for, staff_actions
from tuntas.audit.models import Visibility
from tuntas.reports.models import (
    AssignmentState,
    AttachmentKind,
    DraftState,
    Escalation,
    MessageKind,
    Status,
)
from tuntas.reports.staff_view.rows import AttachmentRow, StaffView
from tuntas.standards.models import Step, Unit


class TimelineEventSerializer(serializers.Serializer[Any]):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF declared field
    actor = serializers.CharField(
        help_text=(
            "Staff: who acted ('Pelapor' where the reporter is hidden from you). The "
            "reporter and the public: 'Pelapor', 'Sistem', 'Admin Nasional' or "
            "'Petugas <organisation>', never a person's name."
        )
    )
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    to_status_label = serializers.CharField()
    reason = serializers.CharField(
        help_text="Empty on the public timeline; notes between staff only for staff."
    )
    visibility = serializers.ChoiceField(choices=Visibility.choices)


class AttachmentSerializer(serializers.Serializer[Any]):
    """An ``AttachmentRow``."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=AttachmentKind.choices)
    kind_label = serializers.CharField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(
        help_text="GET it with the same credentials as the report."
    )

    def get_url(self, row: AttachmentRow) -> str:
        return reverse("api:report-attachment", args=[row.tracking_id, row.id])


class MessageSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=MessageKind.choices)
    kind_label = serializers.CharField()
    author = serializers.CharField(
        help_text=(
            "For the reporter: 'Pelapor' for their own messages, 'Petugas <organisation>' "
            "for staff's (never a person's name). For staff: the staff member's name; "
            "'Pelapor' where the reporter is hidden from you (anonim)."
        )
    )
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class FollowUpSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=DraftState.choices)
    state_label = serializers.CharField()
    agency = OrganisationRefSerializer(allow_null=True)
    body = serializers.CharField()
    author = serializers.CharField(help_text="Empty for reporters and the public.")
    created_at = serializers.DateTimeField()
    reviewed_by = serializers.CharField(help_text="Empty for reporters and the public.")
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_note = serializers.CharField(help_text="Empty for reporters and the public.")
    published_at = serializers.DateTimeField(allow_null=True)
    attachments = AttachmentSerializer(many=True)


class FeedbackSerializer(serializers.Serializer[Any]):
    satisfied = serializers.BooleanField()
    rating = serializers.IntegerField(allow_null=True)
    comment = serializers.CharField()
    created_at = serializers.DateTimeField()


class AvailableActionSerializer(serializers.Serializer[Any]):
    action = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # DRF declared field
    url = serializers.CharField(help_text="POST here to take the action.")


class ReporterIdentitySerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    nik = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    has_account = serializers.BooleanField()


class AssignmentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    agency = OrganisationRefSerializer()
    is_lead = serializers.BooleanField()
    state = serializers.ChoiceField(choices=AssignmentState.choices)
    state_label = serializers.CharField()
    instructions = serializers.CharField()
    disposed_at = serializers.DateTimeField()
    accepted_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    end_reason = serializers.CharField()
    division = OrganisationRefSerializer(allow_null=True)
    division_instructions = serializers.CharField()
    division_assigned_at = serializers.DateTimeField(allow_null=True)


class ClockSerializer(serializers.Serializer[Any]):
    step = serializers.ChoiceField(choices=Step.choices)
    step_label = serializers.CharField()
    organisation = OrganisationRefSerializer(allow_null=True)
    amount = serializers.IntegerField()
    unit = serializers.ChoiceField(choices=Unit.choices)
    started_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(allow_null=True)
    paused_at = serializers.DateTimeField(allow_null=True)
    stopped_at = serializers.DateTimeField(allow_null=True)
    met = serializers.BooleanField(allow_null=True)
    is_overdue = serializers.BooleanField()


class FieldCheckSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    agency = OrganisationRefSerializer()
    officer = serializers.CharField()
    visited_on = serializers.DateField()
    location = serializers.CharField()
    findings = serializers.CharField()
    conclusion = serializers.CharField()
    ba_number = serializers.CharField()
    created_at = serializers.DateTimeField()


class ReportSummarySerializer(serializers.Serializer[Any]):
    """The fields every view of a report shares (no identity, nothing internal)."""

    tracking_id = serializers.CharField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField()
    classification = CodeNameSerializer()
    category = CategoryRefSerializer(allow_null=True)
    pemda = OrganisationRefSerializer(allow_null=True)
    lead_agency = OrganisationRefSerializer(allow_null=True)
    created_at = serializers.DateTimeField()
    status_changed_at = serializers.DateTimeField()


class PublicReportSerializer(ReportSummarySerializer):
    """A report on the public list: never rahasia, never the reporter's identity."""

    description = serializers.CharField()
    region = RegionRefSerializer(allow_null=True)


class PublicReportDetailSerializer(PublicReportSerializer):
    followups = FollowUpSerializer(many=True, help_text="Published follow-ups only.")
    timeline = TimelineEventSerializer(many=True)


class ReportContentSerializer(ReportSummarySerializer):
    """What the reporter and staff both see of the report itself."""

    description = serializers.CharField()
    channel = CodeNameSerializer()
    region = RegionRefSerializer(allow_null=True)
    location_text = serializers.CharField()
    incident_date = serializers.DateField(allow_null=True)
    requested_agency = OrganisationRefSerializer(allow_null=True)
    is_anonymous = serializers.BooleanField()
    is_confidential = serializers.BooleanField()
    closed_at = serializers.DateTimeField(allow_null=True)
    reporter = ReporterIdentitySerializer(
        allow_null=True, help_text="Null when the reporter is hidden from you (anonim)."
    )
    messages = MessageSerializer(many=True)
    followups = FollowUpSerializer(many=True)
    feedback = FeedbackSerializer(many=True)
    attachments = AttachmentSerializer(many=True)
    timeline = TimelineEventSerializer(many=True)
    available_actions = AvailableActionSerializer(many=True)


class ReporterReportSerializer(ReportContentSerializer):
    """The reporter's view: published follow-ups, no staff-only events or files."""

    class Meta:
        ref_name = "ReporterReport"


class StaffReportSerializer(ReportContentSerializer):
    """The staff view (``tuntas.reports.staff_view.StaffView``), scoped to the asker's
    roles: its facts at the top level, its rows as they are."""

    identity_visible = serializers.BooleanField()
    identity_reason = serializers.CharField(help_text="Why the reporter is shown or hidden.")
    is_own_report = serializers.BooleanField(
        help_text=(
            "You filed this report: you read it here, but you may not handle it as staff "
            "(conflict of interest); `available_actions` is then empty."
        )
    )
    verified_at = serializers.DateTimeField(allow_null=True)
    first_disposed_at = serializers.DateTimeField(allow_null=True)
    first_followup_at = serializers.DateTimeField(allow_null=True)
    close_reason = serializers.CharField()
    archive_reason = serializers.CharField()
    forwarded_to = serializers.CharField()
    return_count = serializers.IntegerField()
    reopen_count = serializers.IntegerField()
    escalation = serializers.ChoiceField(
        choices=Escalation.choices,
        help_text="Who was asked to intervene because the agency is late: '', pemda, national.",
    )
    capacities = serializers.ListField(
        child=serializers.CharField(), help_text="The roles in which you act on this report."
    )
    assignments = AssignmentSerializer(many=True)
    clocks = ClockSerializer(many=True)
    field_checks = FieldCheckSerializer(many=True)

    class Meta:
        ref_name = "StaffReport"

    def to_representation(self, instance: StaffView) -> dict[str, Any]:
        return super().to_representation(_staff_fields(instance))


def _staff_fields(view: StaffView) -> dict[str, Any]:
    """The view's facts at the top level (the answer's shape), everything else as the
    view holds it; the offered actions with their endpoints."""
    identity = view.identity
    actions = []
    for row in view.actions:
        slug = slug_for(row.action)
        if slug is not None:
            url = reverse(f"api:staff-action-{slug}", args=[view.facts.tracking_id])
            actions.append({"action": slug, "label": staff_actions()[slug].label, "url": url})
    return {
        **{f.name: getattr(view.facts, f.name) for f in fields(view.facts)},
        "identity_visible": identity.shown,
        "identity_reason": identity.reason,
        "reporter": identity if identity.shown else None,
        "is_own_report": view.is_own_report,
        "capacities": sorted(view.capacities),
        "assignments": view.assignments,
        "clocks": view.clocks,
        "field_checks": view.field_checks,
        "messages": view.messages,
        "followups": view.followups,
        "feedback": view.feedback,
        "attachments": view.attachments,
        "timeline": view.timeline,
        "available_actions": actions,
    }


class StaffReportListItemSerializer(ReportSummarySerializer):
    channel = CodeNameSerializer()
    next_due_at = serializers.DateTimeField(
        allow_null=True, help_text="Earliest deadline among running clocks."
    )
    is_overdue = serializers.BooleanField()

    class Meta:
        ref_name = "StaffReportListItem"


class SubmittedSerializer(serializers.Serializer[Any]):
    tracking_id = serializers.CharField()
    access_code = serializers.CharField(
        allow_null=True,
        help_text="Shown once. With the tracking ID it opens the report (X-Access-Code). "
        "A replay (same Idempotency-Key) shows it again only within 30 minutes, else null.",
    )
    replayed = serializers.BooleanField(
        default=False,
        help_text="true when this answers an earlier submission with the same "
        "Idempotency-Key (no new report was made).",
    )
    status = serializers.ChoiceField(choices=Status.choices)
    status_label = serializers.CharField()
    created_at = serializers.DateTimeField()
    url = serializers.CharField(help_text="Where the reporter reads the report in the API.")


class IntakeResultSerializer(serializers.Serializer[Any]):
    access_code = serializers.CharField(help_text="Give it to the reporter with the tracking ID.")
    report = StaffReportSerializer()
