"""The staff view of a report as a tree of frozen dataclasses.

Built once by ``tuntas.reports.staff_view.build.staff_view``; read as it is by the staff
report page (``staff/report.html``), the staff API (``StaffReportSerializer``) and the
report's full-record export (``tuntas.exports.report_record``). Every decision about
what the asker may see (identity, names, actions) is taken while building it, so the
three surfaces cannot differ: they only choose how to show it.

Names of people are plain strings here (never ``User`` objects), masked where the
asker may not see the reporter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from tuntas.organisations.models import Organisation
from tuntas.reference.models import Category, Channel, Classification, Region
from tuntas.reports.models import Attachment, DraftState
from tuntas.reports.transitions import Action


@dataclass(frozen=True)
class ReportFacts:
    """The report itself and its handling counters (nothing about the reporter)."""

    tracking_id: str
    title: str
    description: str
    status: str
    status_label: str
    status_changed_at: datetime
    classification: Classification
    category: Category | None
    channel: Channel
    pemda: Organisation | None
    lead_agency: Organisation | None
    region: Region | None
    requested_agency: Organisation | None
    location_text: str
    incident_date: date | None
    is_anonymous: bool
    is_confidential: bool
    created_at: datetime
    created_by: str  # the staff member who typed it in from an outside channel, or ""
    verified_at: datetime | None
    first_disposed_at: datetime | None
    first_followup_at: datetime | None
    closed_at: datetime | None
    close_reason: str
    close_reason_label: str
    archive_reason: str
    archive_reason_label: str
    forwarded_to: str
    return_count: int
    reopen_count: int
    escalation: str
    escalation_label: str
    ping_pong: bool  # returned or transferred often enough to warn before disposing again


@dataclass(frozen=True)
class ReporterIdentity:
    """Who filed the report, or blanks when the asker may not see it, and why."""

    shown: bool
    reason: str  # why it is shown or hidden, in words
    name: str
    nik: str
    phone: str
    email: str
    has_account: bool
    # The reporter's own staff roles (conflict of interest), only when ``shown``.
    staff_roles: tuple[str, ...]


@dataclass(frozen=True)
class AssignmentRow:
    id: int
    agency: Organisation
    is_lead: bool
    state: str
    state_label: str
    instructions: str  # the coordinator's note to the agency (staff only)
    disposed_at: datetime
    disposed_by: str
    accepted_at: datetime | None
    closed_at: datetime | None
    end_reason: str
    division: Organisation | None
    division_instructions: str
    division_assigned_at: datetime | None


@dataclass(frozen=True)
class ClockRow:
    """A timed step against the service standard, with its deadline in words."""

    step: str
    step_label: str
    organisation: Organisation | None
    amount: int
    unit: str
    unit_label: str
    started_at: datetime
    due_at: datetime | None
    paused_at: datetime | None
    stopped_at: datetime | None
    met: bool | None
    state: str  # RUNNING, PAUSED or FINISHED
    is_overdue: bool
    css: str  # "overdue", "due-soon" or ""
    text: str  # "Sisa 3 hari kerja", "Terlambat", "Tepat waktu", ...


RUNNING = "running"
PAUSED = "paused"
FINISHED = "finished"


@dataclass(frozen=True)
class TimelineEntry:
    """One audit event as staff read it, labelled with who else may read it."""

    at: datetime
    action: str
    label: str
    actor: str  # a staff member's name; "Pelapor" where the reporter is hidden
    capacity: str
    capacity_label: str
    from_status: str
    from_status_label: str
    to_status: str
    to_status_label: str
    reason: str
    reason_internal: bool  # a note between staff: the reporter never reads it
    visibility: str
    visibility_label: str
    seen_by: str  # who reads the step and its note: "Hanya petugas", "Pelapor dan petugas", …
    outside_actor: str  # how the reporter and the public see the actor ("" if staff only)
    details: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    tracking_id: str
    kind: str
    kind_label: str
    name: str
    content_type: str
    size: int
    created_at: datetime
    seen_by_reporter: bool

    @classmethod
    def of(cls, a: Attachment, tracking_id: str, *, seen_by_reporter: bool) -> AttachmentRow:
        return cls(
            id=a.pk,
            tracking_id=tracking_id,
            kind=a.kind,
            kind_label=a.get_kind_display(),
            name=a.original_name,
            content_type=a.content_type,
            size=a.size,
            created_at=a.created_at,
            seen_by_reporter=seen_by_reporter,
        )


@dataclass(frozen=True)
class MessageRow:
    kind: str
    kind_label: str
    author: str  # a staff member's name; "Pelapor" (or the reporter's name if shown)
    organisation: Organisation | None
    body: str
    created_at: datetime
    by_reporter: bool
    seen_by_reporter: bool  # internal notes are not


@dataclass(frozen=True)
class FieldCheckRow:
    id: int
    agency: Organisation
    officer: str
    visited_on: date
    location: str
    findings: str
    conclusion: str
    ba_number: str
    created_at: datetime
    attachments: tuple[AttachmentRow, ...]


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    state: str
    state_label: str
    agency: Organisation | None
    body: str
    author: str
    created_at: datetime
    reviewed_by: str
    reviewed_at: datetime | None
    review_note: str
    published_by: str
    published_at: datetime | None
    attachments: tuple[AttachmentRow, ...]

    @property
    def is_published(self) -> bool:
        return self.state == DraftState.PUBLISHED


@dataclass(frozen=True)
class FeedbackRow:
    satisfied: bool
    rating: int | None
    comment: str
    created_at: datetime


@dataclass(frozen=True)
class ActionRow:
    """An action the asker may take now."""

    action: Action
    label: str


@dataclass(frozen=True)
class StaffView:
    """Everything staff in scope may read of one report, as the asker may read it."""

    facts: ReportFacts
    identity: ReporterIdentity
    capacities: frozenset[str]  # the roles in which the asker acts on it (no "reporter")
    capacity_labels: tuple[str, ...]
    is_own_report: bool  # the asker filed it: they read it, colleagues handle it
    assignments: tuple[AssignmentRow, ...]
    clocks: tuple[ClockRow, ...]  # in the order they started
    timeline: tuple[TimelineEntry, ...]
    messages: tuple[MessageRow, ...]
    field_checks: tuple[FieldCheckRow, ...]
    followups: tuple[FollowUpRow, ...]
    current_draft_id: int | None  # the draft waiting for approval, if any
    feedback: tuple[FeedbackRow, ...]
    evidence: tuple[AttachmentRow, ...]  # the reporter's files (evidence, completed data)
    attachments: tuple[AttachmentRow, ...]  # every file of the report
    actions: tuple[ActionRow, ...]
    own_draft_blocked: bool  # approving is withheld: the asker wrote the draft

    @property
    def running_clocks(self) -> list[ClockRow]:
        """Running clocks, nearest deadline first."""
        rows = [c for c in self.clocks if c.state == RUNNING]
        return sorted(rows, key=lambda c: (c.due_at is None, c.due_at or c.started_at))

    @property
    def paused_clocks(self) -> list[ClockRow]:
        return [c for c in self.clocks if c.state == PAUSED]

    @property
    def finished_clocks(self) -> list[ClockRow]:
        return [c for c in self.clocks if c.state == FINISHED]

    def may(self, action: Action) -> bool:
        return any(row.action == action for row in self.actions)
