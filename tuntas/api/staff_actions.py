"""The staff actions the API offers: for each, its input and its documentation.

One entry per action of the transition table that staff take. ``views.staff_actions``
turns every entry into its own endpoint with its own documented request body, and
calls the action through ``tuntas.reports.actions.dispatch``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rest_framework import serializers

from tuntas.api.serializers import staff_actions as inputs
from tuntas.reports.transitions import ACTION_LABELS, Action


@dataclass(frozen=True)
class StaffAction:
    slug: str
    action: Action
    input: type[serializers.Serializer[Any]] | None
    summary: str
    multipart: bool = False

    @property
    def label(self) -> str:
        return str(ACTION_LABELS[self.action])


A = Action
STAFF_ACTIONS: dict[str, StaffAction] = {
    a.slug: a
    for a in [
        StaffAction(
            "verify",
            A.VERIFY,
            inputs.VerifyInput,
            "Verify a submitted report (and set anonim/rahasia, classification, category)",
        ),
        StaffAction(
            "hold",
            A.HOLD,
            inputs.HoldInput,
            "Tunda: ask the reporter to complete the supporting data",
        ),
        StaffAction(
            "not_in_authority",
            A.NOT_IN_AUTHORITY,
            inputs.NotInAuthorityInput,
            "Bukan wewenang: return the report to the national admin",
        ),
        StaffAction(
            "route_to_pemda",
            A.ROUTE_TO_PEMDA,
            inputs.RouteToPemdaInput,
            "National admin: send a returned report to the right Pemda",
        ),
        StaffAction(
            "forward_external",
            A.FORWARD_EXTERNAL,
            inputs.ForwardExternalInput,
            "National admin: forward to a body outside the system",
        ),
        StaffAction(
            "archive",
            A.ARCHIVE,
            inputs.ArchiveInput,
            "Archive the report with a reason",
        ),
        StaffAction(
            "dispose",
            A.DISPOSE,
            inputs.DisposeInput,
            "Dispose the report to one or more agencies (one leads)",
        ),
        StaffAction(
            "accept",
            A.ACCEPT,
            None,
            "Accept the disposition (lead or supporting agency)",
        ),
        StaffAction(
            "return_disposition",
            A.RETURN_DISPOSITION,
            inputs.ReturnDispositionInput,
            "Return a wrong disposition to the coordinator",
        ),
        StaffAction(
            "transfer",
            A.TRANSFER,
            inputs.TransferInput,
            "Pelimpahan: transfer the report to another agency",
        ),
        StaffAction(
            "dispose_internally",
            A.DISPOSE_INTERNALLY,
            inputs.DisposeInternallyInput,
            "Agency head: dispose the report to a division",
        ),
        StaffAction(
            "request_clarification",
            A.REQUEST_CLARIFICATION,
            inputs.RequestClarificationInput,
            "Ask the reporter a question (the report waits for the answer)",
        ),
        StaffAction(
            "record_field_check",
            A.RECORD_FIELD_CHECK,
            inputs.FieldCheckInput,
            "Record a field check with photos and the Berita Acara",
            multipart=True,
        ),
        StaffAction(
            "submit_draft",
            A.SUBMIT_DRAFT,
            inputs.SubmitDraftInput,
            "Submit the follow-up draft for approval",
            multipart=True,
        ),
        StaffAction(
            "approve_draft",
            A.APPROVE_DRAFT,
            inputs.ApproveDraftInput,
            "Approve the draft (never your own)",
        ),
        StaffAction(
            "return_draft",
            A.RETURN_DRAFT,
            inputs.ReturnDraftInput,
            "Return the draft for correction",
        ),
        StaffAction(
            "publish_followup",
            A.PUBLISH_FOLLOWUP,
            None,
            "Publish the approved follow-up to the reporter",
        ),
        StaffAction(
            "close",
            A.CLOSE,
            inputs.NoteInput,
            "Close a followed-up report",
        ),
        StaffAction(
            "reopen",
            A.REOPEN,
            inputs.ReopenInput,
            "Reopen a closed report (back to its agency)",
        ),
        StaffAction(
            "forward_ombudsman",
            A.FORWARD_OMBUDSMAN,
            inputs.NoteInput,
            "Forward the report to Ombudsman RI",
        ),
    ]
}

# Table actions that map to another endpoint (a supporting agency accepts its part).
ALIASES: dict[Action, str] = {Action.ACCEPT_SUPPORT: "accept"}


def slug_for(action: Action) -> str | None:
    """The endpoint slug of a staff action, or None if staff do not take it via the API."""
    slug = ALIASES.get(action, str(action))
    return slug if slug in STAFF_ACTIONS else None
