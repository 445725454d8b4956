"""Run a staff action from validated input: one table for the web forms and the API.

The staff pages (``tuntas.staff.registry``) and the API (``tuntas.api.staff_actions``)
validate their own input (a form, a serializer) with the same field names, then call
``run_staff_action``. Uploaded files are checked here, before the action runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tuntas.accounts.models import User
from tuntas.reports import actions
from tuntas.reports.models import Report
from tuntas.reports.transitions import Action
from tuntas.reports.uploads import check_uploads

Data = Mapping[str, Any]
Runner = Callable[[Report, User, Data], object]


def _files(d: Data, name: str) -> list[Any]:
    return check_uploads(list(d.get(name) or []), name)


def _verify(r: Report, u: User, d: Data) -> object:
    return actions.verify_report(
        r,
        actor=u,
        is_anonymous=d.get("is_anonymous"),
        is_confidential=d.get("is_confidential"),
        classification=d.get("classification"),
        category=d.get("category"),
        note=d.get("note", ""),
    )


def _dispose(r: Report, u: User, d: Data) -> object:
    agencies = list(d["agencies"])
    return actions.dispose_report(
        r,
        actor=u,
        agencies=agencies,
        lead=d.get("lead"),
        instructions=d.get("instructions", ""),
    )


def _field_check(r: Report, u: User, d: Data) -> object:
    return actions.record_field_check(
        r,
        actor=u,
        visited_on=d["visited_on"],
        location=d["location"],
        findings=d["findings"],
        conclusion=d["conclusion"],
        ba_number=d["ba_number"],
        photos=_files(d, "photos"),
        official_record=_files(d, "official_record"),
    )


A = Action
STAFF_RUNNERS: dict[Action, Runner] = {
    A.VERIFY: _verify,
    A.HOLD: lambda r, u, d: actions.hold_report(r, actor=u, missing=d["missing"]),
    A.NOT_IN_AUTHORITY: lambda r, u, d: actions.mark_not_in_authority(
        r, actor=u, reason=d["reason"]
    ),
    A.ROUTE_TO_PEMDA: lambda r, u, d: actions.route_to_pemda(
        r, actor=u, pemda=d["pemda"], note=d.get("note", "")
    ),
    A.FORWARD_EXTERNAL: lambda r, u, d: actions.forward_external(
        r, actor=u, body_name=d["body_name"], note=d.get("note", "")
    ),
    A.ARCHIVE: lambda r, u, d: actions.archive_report(
        r, actor=u, reason_code=d["reason_code"], note=d.get("note", "")
    ),
    A.DISPOSE: _dispose,
    A.ACCEPT: lambda r, u, d: actions.accept_disposition(r, actor=u),
    A.ACCEPT_SUPPORT: lambda r, u, d: actions.accept_disposition(r, actor=u),
    A.RETURN_DISPOSITION: lambda r, u, d: actions.return_disposition(
        r, actor=u, reason=d["reason"]
    ),
    A.TRANSFER: lambda r, u, d: actions.transfer_report(
        r, actor=u, to_agency=d["to_agency"], reason=d["reason"]
    ),
    A.DISPOSE_INTERNALLY: lambda r, u, d: actions.dispose_internally(
        r, actor=u, division=d["division"], instructions=d.get("instructions", "")
    ),
    A.REQUEST_CLARIFICATION: lambda r, u, d: actions.request_clarification(
        r, actor=u, question=d["question"]
    ),
    A.RECORD_FIELD_CHECK: _field_check,
    A.SUBMIT_DRAFT: lambda r, u, d: actions.submit_draft(
        r, actor=u, body=d["body"], attachments=_files(d, "attachments")
    ),
    A.APPROVE_DRAFT: lambda r, u, d: actions.approve_draft(r, actor=u, note=d.get("note", "")),
    A.RETURN_DRAFT: lambda r, u, d: actions.return_draft(r, actor=u, note=d["note"]),
    A.PUBLISH_FOLLOWUP: lambda r, u, d: actions.publish_followup(r, actor=u),
    A.CLOSE: lambda r, u, d: actions.close_report(r, actor=u, note=d.get("note", "")),
    A.REOPEN: lambda r, u, d: actions.reopen_report(r, actor=u, reason=d["reason"]),
    A.FORWARD_OMBUDSMAN: lambda r, u, d: actions.forward_to_ombudsman(
        r, actor=u, note=d.get("note", "")
    ),
}


def run_staff_action(action: Action, report: Report, user: User, data: Data) -> object:
    """Call the action function for ``action`` with validated ``data``."""
    return STAFF_RUNNERS[action](report, user, data)
