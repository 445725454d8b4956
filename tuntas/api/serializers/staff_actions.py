"""Input of each staff action on a report (one serializer per action)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from tuntas.api.fields import organisation_field
from tuntas.api.serializers.base import Input
from tuntas.api.serializers.report_input import attachments_field
from tuntas.organisations.models import OrganisationKind
from tuntas.reference.models import Category, Classification
from tuntas.reports.actions import ARCHIVE_REASONS


def _text(
    help_text: str,
    *,
    required: bool = True,
    max_length: int | None = None,
    min_length: int | None = None,
) -> Any:
    if required:
        return serializers.CharField(
            help_text=help_text, max_length=max_length, min_length=min_length
        )
    return serializers.CharField(
        help_text=help_text, max_length=max_length, required=False, allow_blank=True, default=""
    )


class VerifyInput(Input):
    is_anonymous = serializers.BooleanField(
        required=False, allow_null=True, help_text="Set anonim; omit to keep."
    )
    is_confidential = serializers.BooleanField(
        required=False, allow_null=True, help_text="Set rahasia; omit to keep."
    )
    classification = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Classification.objects.all(),
        required=False,
        allow_null=True,
        help_text="Correct the classification (code); omit to keep.",
    )
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="Correct the category (id); omit to keep.",
    )
    note = _text("Note for the timeline.", required=False)


class HoldInput(Input):
    missing = _text("Which supporting data the reporter must complete (tunda).")


class NotInAuthorityInput(Input):
    reason = _text("Why this is not the Pemda's authority (back to the national admin).")


class RouteToPemdaInput(Input):
    pemda = organisation_field(OrganisationKind.PEMDA, help_text="Code of the right Pemda.")
    note = _text("Note for the timeline.", required=False)


class ForwardExternalInput(Input):
    body_name = _text("The body outside the system the report goes to.", max_length=200)
    note = _text("Note for the timeline.", required=False)


class ArchiveInput(Input):
    reason_code = serializers.ChoiceField(
        choices=[(code, str(label)) for code, label in ARCHIVE_REASONS.items()],
        help_text="Why the report is archived.",
    )
    note = _text("Further explanation.", required=False)


class DisposeInput(Input):
    agencies = organisation_field(
        OrganisationKind.AGENCY,
        many=True,
        allow_empty=False,
        help_text="Codes of the agencies (OPD) that handle the report.",
    )
    lead = organisation_field(
        OrganisationKind.AGENCY,
        required=False,
        help_text="Code of the lead agency; the first agency if omitted.",
    )
    instructions = _text("Instructions to the agencies.", required=False)


class ReturnDispositionInput(Input):
    reason = _text("Why the disposition is wrong.")


class TransferInput(Input):
    to_agency = organisation_field(OrganisationKind.AGENCY, help_text="Code of the new agency.")
    reason = _text("Why the report is transferred (pelimpahan).")


class DisposeInternallyInput(Input):
    division = organisation_field(
        OrganisationKind.DIVISION, help_text="Code of a division (bidang) of the lead agency."
    )
    instructions = _text("The agency head's instructions to the division.", required=False)


class RequestClarificationInput(Input):
    question = _text("The question for the reporter.")


class FieldCheckInput(Input):
    visited_on = serializers.DateField()
    location = _text("Where the check took place.", max_length=300)
    findings = _text("What was found.")
    conclusion = _text("Conclusion and solution.")
    ba_number = _text("Number of the Berita Acara (official record).", max_length=100)
    photos = attachments_field("Field photos (multipart/form-data).")
    official_record = attachments_field("The signed Berita Acara as PDF or photo.")


class SubmitDraftInput(Input):
    body = _text(
        "The follow-up answer (rumusan tindak lanjut), at least 20 characters.", min_length=20
    )
    attachments = attachments_field("Files published with the follow-up.")


class ApproveDraftInput(Input):
    note = _text("Reviewer's note.", required=False)


class ReturnDraftInput(Input):
    note = _text("What must be corrected.")


class NoteInput(Input):
    note = _text("Note for the timeline.", required=False)


class ReopenInput(Input):
    reason = _text("Why the report is reopened.")
