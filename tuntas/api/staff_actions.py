"""The staff actions the API offers: for each, its input and the action function it calls.

One entry per action of the transition table that staff take. ``views.staff_actions``
turns every entry into its own endpoint with its own documented request body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rest_framework import serializers

from tuntas.accounts.models import User
from tuntas.api.serializers import staff_actions as inputs
from tuntas.reports import actions
from tuntas.reports.models import Report
from tuntas.reports.transitions import ACTION_LABELS, Action
from tuntas.reports.uploads import check_uploads

Perform = Callable[[Report, User, dict[str, Any]], object]


@dataclass(frozen=True)
class StaffAction:
    slug: str
    action: Action
    input: type[serializers.Serializer[Any]] | None
    perform: Perform
    summary: str
    multipart: bool = False

    @property
    def label(self) -> str:
        return str(ACTION_LABELS[self.action])


def _dispose(report: Report, user: User, d: dict[str, Any]) -> object:
    agencies = d["agencies"]
    return actions.dispose_report(
        report,
        actor=user,
        agencies=agencies,
        lead=d.get("lead") or agencies[0],
        instructions=d["instructions"],
    )


def _field_check(report: Report, user: User, d: dict[str, Any]) -> object:
    photos = check_uploads(d["photos"], "photos")
    record = check_uploads(d["official_record"], "official_record")
    return actions.record_field_check(
        report,
        actor=user,
        visited_on=d["visited_on"],
        location=d["location"],
        findings=d["findings"],
        conclusion=d["conclusion"],
        ba_number=d["ba_number"],
        photos=photos,
        official_record=record,
    )


def _submit_draft(report: Report, user: User, d: dict[str, Any]) -> object:
    files = check_uploads(d["attachments"], "attachments")
    return actions.submit_draft(report, actor=user, body=d["body"], attachments=files)


A = Action
STAFF_ACTIONS: dict[str, StaffAction] = {
    a.slug: a
    for a in [
        StaffAction(
            "verify",
            A.VERIFY,
            inputs.VerifyInput,
            lambda r, u, d: actions.verify_report(
                r,
                actor=u,
                is_anonymous=d.get("is_anonymous"),
                is_confidential=d.get("is_confidential"),
                classification=d.get("classification"),
                category=d.get("category"),
                note=d["note"],
            ),
            "Verify a submitted report (and set anonim/rahasia, classification, category)",
        ),
        StaffAction(
            "hold",
            A.HOLD,
            inputs.HoldInput,
            lambda r, u, d: actions.hold_report(r, actor=u, missing=d["missing"]),
            "Tunda: ask the reporter to complete the supporting data",
        ),
        StaffAction(
            "not_in_authority",
            A.NOT_IN_AUTHORITY,
            inputs.NotInAuthorityInput,
            lambda r, u, d: actions.mark_not_in_authority(r, actor=u, reason=d["reason"]),
            "Bukan wewenang: return the report to the national admin",
        ),
        StaffAction(
            "route_to_pemda",
            A.ROUTE_TO_PEMDA,
            inputs.RouteToPemdaInput,
            lambda r, u, d: actions.route_to_pemda(r, actor=u, pemda=d["pemda"], note=d["note"]),
            "National admin: send a returned report to the right Pemda",
        ),
        StaffAction(
            "forward_external",
            A.FORWARD_EXTERNAL,
            inputs.ForwardExternalInput,
            lambda r, u, d: actions.forward_external(
                r, actor=u, body_name=d["body_name"], note=d["note"]
            ),
            "National admin: forward to a body outside the system",
        ),
        StaffAction(
            "archive",
            A.ARCHIVE,
            inputs.ArchiveInput,
            lambda r, u, d: actions.archive_report(
                r, actor=u, reason_code=d["reason_code"], note=d["note"]
            ),
            "Archive the report with a reason",
        ),
        StaffAction(
            "dispose",
            A.DISPOSE,
            inputs.DisposeInput,
            _dispose,
            "Dispose the report to one or more agencies (one leads)",
        ),
        StaffAction(
            "accept",
            A.ACCEPT,
            None,
            lambda r, u, d: actions.accept_disposition(r, actor=u),
            "Accept the disposition (lead or supporting agency)",
        ),
        StaffAction(
            "return_disposition",
            A.RETURN_DISPOSITION,
            inputs.ReturnDispositionInput,
            lambda r, u, d: actions.return_disposition(r, actor=u, reason=d["reason"]),
            "Return a wrong disposition to the coordinator",
        ),
        StaffAction(
            "transfer",
            A.TRANSFER,
            inputs.TransferInput,
            lambda r, u, d: actions.transfer_report(
                r, actor=u, to_agency=d["to_agency"], reason=d["reason"]
            ),
            "Pelimpahan: transfer the report to another agency",
        ),
        StaffAction(
            "dispose_internally",
            A.DISPOSE_INTERNALLY,
            inputs.DisposeInternallyInput,
            lambda r, u, d: actions.dispose_internally(
                r, actor=u, division=d["division"], instructions=d["instructions"]
            ),
            "Agency head: dispose the report to a division",
        ),
        StaffAction(
            "request_clarification",
            A.REQUEST_CLARIFICATION,
            inputs.RequestClarificationInput,
            lambda r, u, d: actions.request_clarification(r, actor=u, question=d["question"]),
            "Ask the reporter a question (the report waits for the answer)",
        ),
        StaffAction(
            "record_field_check",
            A.RECORD_FIELD_CHECK,
            inputs.FieldCheckInput,
            _field_check,
            "Record a field check with photos and the Berita Acara",
            multipart=True,
        ),
        StaffAction(
            "submit_draft",
            A.SUBMIT_DRAFT,
            inputs.SubmitDraftInput,
            _submit_draft,
            "Submit the follow-up draft for approval",
            multipart=True,
        ),
        StaffAction(
            "approve_draft",
            A.APPROVE_DRAFT,
            inputs.ApproveDraftInput,
            lambda r, u, d: actions.approve_draft(r, actor=u, note=d["note"]),
            "Approve the draft (never your own)",
        ),
        StaffAction(
            "return_draft",
            A.RETURN_DRAFT,
            inputs.ReturnDraftInput,
            lambda r, u, d: actions.return_draft(r, actor=u, note=d["note"]),
            "Return the draft for correction",
        ),
        StaffAction(
            "publish_followup",
            A.PUBLISH_FOLLOWUP,
            None,
            lambda r, u, d: actions.publish_followup(r, actor=u),
            "Publish the approved follow-up to the reporter",
        ),
        StaffAction(
            "close",
            A.CLOSE,
            inputs.NoteInput,
            lambda r, u, d: actions.close_report(r, actor=u, note=d["note"]),
            "Close a followed-up report",
        ),
        StaffAction(
            "reopen",
            A.REOPEN,
            inputs.ReopenInput,
            lambda r, u, d: actions.reopen_report(r, actor=u, reason=d["reason"]),
            "Reopen a closed report (back to its agency)",
        ),
        StaffAction(
            "forward_ombudsman",
            A.FORWARD_OMBUDSMAN,
            inputs.NoteInput,
            lambda r, u, d: actions.forward_to_ombudsman(r, actor=u, note=d["note"]),
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
