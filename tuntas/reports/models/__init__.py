from tuntas.reports.models.attachment import Attachment, AttachmentKind
from tuntas.reports.models.clock import Clock
from tuntas.reports.models.privacy import PrivacyRequest, PrivacyRequestState
from tuntas.reports.models.records import (
    DraftState,
    Feedback,
    FieldCheck,
    FollowUp,
    Message,
    MessageKind,
)
from tuntas.reports.models.report import (
    ArchiveReason,
    Assignment,
    AssignmentState,
    CloseReason,
    Escalation,
    Report,
)
from tuntas.reports.models.status import (
    AGENCY_STATUSES,
    PUBLIC_STATUSES,
    TERMINAL_STATUSES,
    Status,
)
from tuntas.reports.models.submission import SubmissionKey

__all__ = [
    "AGENCY_STATUSES",
    "PUBLIC_STATUSES",
    "TERMINAL_STATUSES",
    "ArchiveReason",
    "Assignment",
    "AssignmentState",
    "Attachment",
    "AttachmentKind",
    "Clock",
    "CloseReason",
    "DraftState",
    "Escalation",
    "Feedback",
    "FieldCheck",
    "FollowUp",
    "Message",
    "MessageKind",
    "PrivacyRequest",
    "PrivacyRequestState",
    "Report",
    "Status",
    "SubmissionKey",
]
