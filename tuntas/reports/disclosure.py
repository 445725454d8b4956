"""What of a report's handling leaves the staff side: one rule for each thing staff
wrote that the reporter or the public may read.

* ``outside_entry`` is THE timeline rule: for one audit event and one audience (the
  reporter or the public) it answers nothing for an event that audience may not see
  (staff-only events; reporter events for the public), the actor as an organisation
  ("Petugas Dinas PUPR Kapuas", "Pelapor", "Sistem"), never a staff member's name,
  and the reason, except a note between staff (``transitions.is_internal_reason``: disposition
  instructions, return reasons) and except on the public timeline, which shows no free
  text at all (the reporter's own words may name them).
* ``outside_message_author``: who wrote a message, as the reporter reads it: "Pelapor"
  or the organisation, never a person.

Every surface outside the staff side reads through these: the citizen pages, the
reporter API, the public page and API, Open311 status notes, the federation timeline
and its payloads; the staff view labels each event with the audiences this rule lets
see it (``readers``: who reads that the step happened, and who reads its note). Webhook
payloads carry no timeline and no names at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tuntas.audit.models import AuditEvent, Visibility
from tuntas.organisations.authority import AGENCY_WIDE_ROLES, PEMDA_WIDE_ROLES
from tuntas.organisations.models import Organisation, Role
from tuntas.reports.models import PUBLIC_STATUSES, Message, MessageKind, Report
from tuntas.reports.selectors import action_label, reporter_messages, status_label
from tuntas.reports.transitions import PEER, REPORTER, SYSTEM, is_internal_reason


class Audience(StrEnum):
    """Who reads a report outside the staff side."""

    PUBLIC = "public"
    REPORTER = "reporter"


# The event visibilities each audience may read.
VISIBLE_TO: dict[Audience, tuple[Visibility, ...]] = {
    Audience.PUBLIC: (Visibility.PUBLIC,),
    Audience.REPORTER: (Visibility.PUBLIC, Visibility.REPORTER),
}
PEMDA_CAPACITIES = PEMDA_WIDE_ROLES
AGENCY_CAPACITIES = frozenset(AGENCY_WIDE_ROLES | {Role.DIVISION_STAFF})
# The capacity of a supporting agency acknowledging its part (its name is in the event).
SUPPORTING_AGENCY = "supporting_agency"
# Messages the reporter wrote (their answers and their own messages).
BY_REPORTER_KINDS = frozenset(
    {MessageKind.COMPLETION, MessageKind.CLARIFICATION, MessageKind.REPLY}
)


@dataclass(frozen=True)
class OutsideEntry:
    """One event as the reporter or the public may read it."""

    at: datetime
    action: str
    label: str
    from_status: str
    to_status: str
    to_status_label: str
    actor: str
    reason: str
    visibility: str


def _event_data(event: AuditEvent) -> dict[str, object]:
    return event.data if isinstance(event.data, dict) else {}


def is_internal_note(event: AuditEvent) -> bool:
    """The event's reason is a note between staff (disposition instructions, return
    reasons): flagged when it was written, or an action whose reasons always are."""
    return bool(_event_data(event).get("internal_reason")) or is_internal_reason(event.action)


def on_behalf_of(organisation: Organisation | str | None) -> str:
    """A staff member as the reporter and the public see them: their organisation."""
    if organisation:
        return _("Petugas %(organisation)s") % {"organisation": organisation}
    return _("Petugas")


def outside_actor(event: AuditEvent, report: Report) -> str:
    """Who acted, as the reporter and the public see it: never a staff member's
    personal name, at most their organisation."""
    capacity = str(_event_data(event).get("capacity", ""))
    if capacity == REPORTER:
        return _("Pelapor")
    if capacity in (SYSTEM, PEER):
        return _("Sistem")
    if capacity == Role.NATIONAL_ADMIN:
        return _("Admin Nasional")
    organisation: Organisation | str | None = event.organisation
    if organisation is None:
        if capacity == SUPPORTING_AGENCY:
            organisation = str(_event_data(event).get("agency_name", ""))
        elif capacity in AGENCY_CAPACITIES:
            organisation = report.lead_agency
        elif capacity in PEMDA_CAPACITIES:
            organisation = report.pemda
    return on_behalf_of(organisation)


def outside_entry(event: AuditEvent, report: Report, audience: Audience) -> OutsideEntry | None:
    """``event`` as ``audience`` may read it, or None if they may not see it at all."""
    if event.visibility not in VISIBLE_TO[audience]:
        return None
    shows_reason = audience == Audience.REPORTER and note_audience(event) is not None
    return OutsideEntry(
        at=event.created_at,
        action=event.action,
        label=action_label(event.action),
        from_status=event.from_status,
        to_status=event.to_status,
        to_status_label=status_label(event.to_status),
        actor=outside_actor(event, report),
        reason=event.reason if shows_reason else "",
        visibility=event.visibility,
    )


def widest_audience(event: AuditEvent) -> Audience | None:
    """The widest audience ``outside_entry`` shows ``event`` to; None: staff only."""
    for audience in (Audience.PUBLIC, Audience.REPORTER):
        if event.visibility in VISIBLE_TO[audience]:
            return audience
    return None


def note_audience(event: AuditEvent) -> Audience | None:
    """Who outside the staff side reads the event's note (its reason): the reporter, when
    they see the event and the note is not between staff; None: staff only. The public
    timeline shows no free text, so a note is never public."""
    if not event.reason or is_internal_note(event):
        return None
    return Audience.REPORTER if event.visibility in VISIBLE_TO[Audience.REPORTER] else None


def shown_to_public(report: Report) -> bool:
    """Whether the public may open the report at all (``selectors.public_reports``):
    never when rahasia, and only in a status that may be shown."""
    return not report.is_confidential and report.status in PUBLIC_STATUSES


@dataclass(frozen=True)
class Readers:
    """Who outside the staff side reads one event of the timeline, as of now."""

    step: Audience | None  # that the step happened (its status change, the actor's office)
    note: Audience | None  # its note (reason)
    has_note: bool


def readers(event: AuditEvent, report: Report) -> Readers:
    """The audiences ``outside_entry`` shows ``event`` and its note to today: a public
    event of a report the public cannot open (rahasia, or not yet verified) is read by
    the reporter only."""
    step = widest_audience(event)
    if step == Audience.PUBLIC and not shown_to_public(report):
        step = Audience.REPORTER
    return Readers(step=step, note=note_audience(event), has_note=bool(event.reason))


def outside_events(report: Report, audience: Audience) -> QuerySet[AuditEvent]:
    """The events of ``report`` that ``audience`` may see, in timeline order."""
    return (
        report.events.filter(visibility__in=list(VISIBLE_TO[audience]))
        .select_related("organisation")
        .order_by("created_at", "id")
    )


def outside_timeline(report: Report, audience: Audience) -> list[OutsideEntry]:
    """The reporter's timeline (public and reporter events) or the public one."""
    entries = (outside_entry(event, report, audience) for event in outside_events(report, audience))
    return [entry for entry in entries if entry is not None]


# ---------------------------------------------------------------- messages


def outside_message_author(message: Message, report: Report) -> str:
    """Who wrote ``message``, as the reporter reads it: "Pelapor" for their own words,
    else the organisation that asked (the agency for a clarification, the Pemda for
    missing data), never a staff member's name."""
    if message.kind in BY_REPORTER_KINDS:
        return _("Pelapor")
    organisation = message.organisation
    if organisation is None:
        organisation = (
            report.pemda if message.kind == MessageKind.COMPLETION_REQUEST else report.lead_agency
        )
    return on_behalf_of(organisation)


@dataclass(frozen=True)
class OutsideMessage:
    """A message of the conversation with the reporter, as the reporter reads it."""

    kind: str
    kind_label: str
    author: str
    by_reporter: bool
    body: str
    created_at: datetime


def outside_messages(report: Report) -> list[OutsideMessage]:
    """The conversation the reporter may read (never staff notes), authors as
    ``outside_message_author`` names them."""
    return [
        OutsideMessage(
            kind=m.kind,
            kind_label=m.get_kind_display(),
            author=outside_message_author(m, report),
            by_reporter=m.kind in BY_REPORTER_KINDS,
            body=m.body,
            created_at=m.created_at,
        )
        for m in reporter_messages(report)
    ]
