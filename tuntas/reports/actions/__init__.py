"""Every write to a report goes through one of these functions.

Each action is declared beside its function (``base.report_action`` / ``base.declare``):
its row of the transition table, label, clock effects, audiences, typed input and, for
staff actions, the success text. Importing this package registers every declaration.
"""

from tuntas.reports.actions.base import (
    ActionContext,
    Actor,
    ReportAction,
    action_transaction,
    composed_transaction,
)
from tuntas.reports.actions.closing import (
    close_report,
    forward_to_ombudsman,
    reopen_report,
    reply_not_satisfied,
    reply_satisfied,
)
from tuntas.reports.actions.disposition import (
    accept_disposition,
    accept_support,
    dispose_report,
    return_disposition,
    transfer_report,
)
from tuntas.reports.actions.federation import record_peer_answer
from tuntas.reports.actions.handling import (
    approve_draft,
    clarify,
    dispose_internally,
    publish_followup,
    record_field_check,
    request_clarification,
    return_draft,
    submit_draft,
)
from tuntas.reports.actions.intake import (
    ReportInput,
    Submitted,
    intake_report,
    receive_report,
    submit_report,
)
from tuntas.reports.actions.messages import post_reporter_message
from tuntas.reports.actions.privacy import (
    accept_privacy_change,
    decline_privacy_change,
    request_privacy_change,
)
from tuntas.reports.actions.system import SYSTEM_NOTICES, record_system_notice
from tuntas.reports.actions.verification import (
    archive_report,
    complete_report,
    forward_external,
    hold_report,
    mark_not_in_authority,
    route_to_pemda,
    verify_report,
)

__all__ = [
    "SYSTEM_NOTICES",
    "ActionContext",
    "Actor",
    "ReportAction",
    "ReportInput",
    "Submitted",
    "accept_disposition",
    "accept_privacy_change",
    "accept_support",
    "action_transaction",
    "approve_draft",
    "archive_report",
    "clarify",
    "close_report",
    "complete_report",
    "composed_transaction",
    "decline_privacy_change",
    "dispose_internally",
    "dispose_report",
    "forward_external",
    "forward_to_ombudsman",
    "hold_report",
    "intake_report",
    "mark_not_in_authority",
    "post_reporter_message",
    "publish_followup",
    "receive_report",
    "record_field_check",
    "record_peer_answer",
    "record_system_notice",
    "reopen_report",
    "reply_not_satisfied",
    "reply_satisfied",
    "request_clarification",
    "request_privacy_change",
    "return_disposition",
    "return_draft",
    "route_to_pemda",
    "submit_draft",
    "submit_report",
    "transfer_report",
    "verify_report",
]
