"""The one selector of the staff view: ``staff_view(user, report, now=...)``.

It reads the report and everything staff may see of it in a fixed number of queries
(however many events, messages, files or drafts the report has) and takes every
decision about the asker once: their capacities, whether they see the reporter, the
names shown, the actions offered.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.models import AuditEvent, IdentitySurface
from tuntas.audit.services import record_identity_view
from tuntas.organisations.models import Membership, Organisation
from tuntas.reports.access import (
    available_actions,
    capacities_with_lead,
    identity_rule,
    is_own_report,
    lead_among,
)
from tuntas.reports.actions.disposition import PING_PONG_THRESHOLD
from tuntas.reports.disclosure import (
    BY_REPORTER_KINDS,
    is_internal_note,
    outside_actor,
    readers,
    widest_audience,
)
from tuntas.reports.models import (
    Assignment,
    Clock,
    DraftState,
    FieldCheck,
    FollowUp,
    Message,
    Report,
)
from tuntas.reports.selectors import (
    REPORTER_FILE_KINDS,
    REPORTER_MESSAGE_KINDS,
    action_label,
    status_label,
)
from tuntas.reports.staff_view.labels import (
    capacity_label,
    event_details,
    organisation_ids,
    seen_by_label,
)
from tuntas.reports.staff_view.rows import (
    FINISHED,
    PAUSED,
    RUNNING,
    ActionRow,
    AssignmentRow,
    AttachmentRow,
    ClockRow,
    FeedbackRow,
    FieldCheckRow,
    FollowUpRow,
    MessageRow,
    ReporterIdentity,
    ReportFacts,
    StaffView,
    TimelineEntry,
)
from tuntas.reports.staff_view.timing import due_class, paused_text, remaining_text
from tuntas.reports.transitions import ACTION_LABELS, REPORTER, Action
from tuntas.standards.models import Step, Unit
from tuntas.workdays.calendars import Calendars

RELATED = (
    "classification",
    "category",
    "category__parent",
    "channel",
    "pemda",
    "lead_agency",
    "region",
    "requested_agency",
    "reporter",
    "created_by",
)


def _name(user: User | None) -> str:
    return user.display_name if user is not None else ""


def _facts(report: Report) -> ReportFacts:
    return ReportFacts(
        tracking_id=report.tracking_id,
        title=report.title,
        description=report.description,
        status=report.status,
        status_label=status_label(report.status),
        status_changed_at=report.status_changed_at,
        classification=report.classification,
        category=report.category,
        channel=report.channel,
        pemda=report.pemda,
        lead_agency=report.lead_agency,
        region=report.region,
        requested_agency=report.requested_agency,
        location_text=report.location_text,
        incident_date=report.incident_date,
        is_anonymous=report.is_anonymous,
        is_confidential=report.is_confidential,
        created_at=report.created_at,
        created_by=_name(report.created_by),
        verified_at=report.verified_at,
        first_disposed_at=report.first_disposed_at,
        first_followup_at=report.first_followup_at,
        closed_at=report.closed_at,
        close_reason=report.close_reason,
        close_reason_label=str(report.get_close_reason_display()),
        archive_reason=report.archive_reason,
        archive_reason_label=str(report.get_archive_reason_display()),
        forwarded_to=report.forwarded_to,
        return_count=report.return_count,
        reopen_count=report.reopen_count,
        escalation=report.escalation,
        escalation_label=report.get_escalation_display() if report.escalation else "",
        ping_pong=report.return_count >= PING_PONG_THRESHOLD,
    )


def _staff_roles(report: Report) -> tuple[str, ...]:
    """The reporter's own roles, if their account holds any (a conflict of interest)."""
    if report.reporter_id is None:
        return ()
    memberships = Membership.objects.filter(user_id=report.reporter_id).select_related(
        "organisation"
    )
    return tuple(sorted(f"{m.get_role_display()} ({m.organisation})" for m in memberships))


def _identity(report: Report, caps: set[str], *, own: bool) -> ReporterIdentity:
    shown, reason = identity_rule(report, caps)
    if not shown:
        return ReporterIdentity(False, reason, "", "", "", "", False, ())
    account = report.reporter
    return ReporterIdentity(
        shown=True,
        reason=reason,
        name=report.reporter_display_name,
        nik=account.nik if account else report.reporter_nik,
        phone=account.phone if account else report.reporter_phone,
        email=account.email if account else report.reporter_email,
        has_account=account is not None,
        staff_roles=() if own else _staff_roles(report),
    )


def _assignments(assignments: list[Assignment]) -> tuple[AssignmentRow, ...]:
    return tuple(
        AssignmentRow(
            id=a.pk,
            agency=a.agency,
            is_lead=a.is_lead,
            state=a.state,
            state_label=a.get_state_display(),
            instructions=a.instructions,
            disposed_at=a.disposed_at,
            disposed_by=_name(a.disposed_by),
            accepted_at=a.accepted_at,
            closed_at=a.closed_at,
            end_reason=a.end_reason,
            division=a.division,
            division_instructions=a.division_instructions,
            division_assigned_at=a.division_assigned_at,
        )
        for a in assignments
    )


def _clock(c: Clock, now: datetime, calendars: Calendars) -> ClockRow:
    step_label = str(Step(c.step).label) if c.step in Step.values else c.step
    unit_label = str(Unit(c.unit).label) if c.unit in Unit.values else c.unit
    if c.stopped_at is not None:
        state, css = FINISHED, "overdue" if c.met is False else ""
        text = _("Tepat waktu") if c.met else (_("Terlambat") if c.met is False else "")
    elif c.paused_at is not None:
        state, css, text = PAUSED, "", paused_text(c.remaining, c.unit)
    else:
        cal = calendars.of(c.organisation)
        state = RUNNING
        css = due_class(c.due_at, now, cal)
        text = remaining_text(c.due_at, now, c.unit, cal)
    return ClockRow(
        step=c.step,
        step_label=step_label,
        organisation=c.organisation,
        amount=c.amount,
        unit=c.unit,
        unit_label=unit_label,
        started_at=c.started_at,
        due_at=c.due_at,
        paused_at=c.paused_at,
        stopped_at=c.stopped_at,
        met=c.met,
        state=state,
        is_overdue=state == RUNNING and c.due_at is not None and c.due_at < now,
        css=css,
        text=text,
    )


def _by_reporter(event: AuditEvent, report: Report) -> bool:
    capacity = event.data.get("capacity") if isinstance(event.data, dict) else None
    return capacity == REPORTER or (
        event.actor_id is not None and event.actor_id == report.reporter_id
    )


def _timeline(report: Report, events: list[AuditEvent], show: bool) -> tuple[TimelineEntry, ...]:
    ids = organisation_ids(events)
    names = {o.pk: str(o) for o in Organisation.objects.filter(pk__in=ids)} if ids else {}
    out = []
    for e in events:
        capacity = str(e.data.get("capacity", "")) if isinstance(e.data, dict) else ""
        audience = widest_audience(e)
        out.append(
            TimelineEntry(
                at=e.created_at,
                action=e.action,
                label=action_label(e.action),
                actor=e.actor_label if show or not _by_reporter(e, report) else _("Pelapor"),
                capacity=capacity,
                capacity_label=capacity_label(capacity) if capacity else "",
                from_status=e.from_status,
                from_status_label=status_label(e.from_status) if e.from_status else "",
                to_status=e.to_status,
                to_status_label=status_label(e.to_status) if e.to_status else "",
                reason=e.reason,
                reason_internal=bool(e.reason) and is_internal_note(e),
                visibility=e.visibility,
                visibility_label=e.get_visibility_display(),
                seen_by=seen_by_label(readers(e, report)),
                outside_actor=outside_actor(e, report) if audience is not None else "",
                details=event_details(e, names),
            )
        )
    return tuple(out)


def _message(m: Message, report: Report, show: bool) -> MessageRow:
    by_reporter = m.kind in BY_REPORTER_KINDS
    if by_reporter:
        author = (report.reporter_display_name if show else "") or _("Pelapor")
    else:
        author = _name(m.author)
    return MessageRow(
        kind=m.kind,
        kind_label=m.get_kind_display(),
        author=author,
        organisation=m.organisation,
        body=m.body,
        created_at=m.created_at,
        by_reporter=by_reporter,
        seen_by_reporter=m.kind in REPORTER_MESSAGE_KINDS,
    )


def _followup(f: FollowUp, files: tuple[AttachmentRow, ...]) -> FollowUpRow:
    return FollowUpRow(
        id=f.pk,
        state=f.state,
        state_label=f.get_state_display(),
        agency=f.agency,
        body=f.body,
        author=_name(f.author),
        created_at=f.created_at,
        reviewed_by=_name(f.reviewed_by),
        reviewed_at=f.reviewed_at,
        review_note=f.review_note,
        published_by=_name(f.published_by),
        published_at=f.published_at,
        attachments=files,
    )


def _field_check(c: FieldCheck, files: tuple[AttachmentRow, ...]) -> FieldCheckRow:
    return FieldCheckRow(
        id=c.pk,
        agency=c.agency,
        officer=_name(c.officer),
        visited_on=c.visited_on,
        location=c.location,
        findings=c.findings,
        conclusion=c.conclusion,
        ba_number=c.ba_number,
        created_at=c.created_at,
        attachments=files,
    )


def _actions(
    user: User, report: Report, caps: set[str], followups: list[FollowUp]
) -> tuple[tuple[ActionRow, ...], int | None, bool]:
    """The actions offered, the draft waiting for approval and whether approving it is
    withheld from the asker because they wrote it (four eyes)."""
    drafts = [f for f in followups if f.state == DraftState.REVIEW]
    draft = max(drafts, key=lambda f: (f.created_at, f.pk)) if drafts else None
    own_draft = draft is not None and draft.author_id == user.pk
    # Staff actions only: someone who filed the report has no staff capacity on it.
    offered = available_actions(user, report, caps=caps - {REPORTER})
    blocked = own_draft and Action.APPROVE_DRAFT in offered
    rows = tuple(
        ActionRow(action, str(ACTION_LABELS[action]))
        for action in offered
        if not (blocked and action == Action.APPROVE_DRAFT)
    )
    return rows, draft.pk if draft is not None else None, blocked


def _audit_identity(
    user: User,
    report: Report,
    identity: ReporterIdentity,
    caps: set[str],
    *,
    surface: IdentitySurface,
    now: datetime,
) -> None:
    """Every display of a reporter's identity to staff is recorded (UU PDP
    accountability): one row per view, none when nothing is shown or it is one's own."""
    if not identity.shown or REPORTER in caps:
        return
    if not (identity.name or identity.nik or identity.phone or identity.email):
        return
    record_identity_view(
        viewer=user, report=report, surface=surface, now=now, capacities=sorted(caps)
    )


def staff_view(user: User, report: Report, *, now: datetime, surface: IdentitySurface) -> StaffView:
    """The staff view of ``report`` for ``user``, who must see it in their staff scope
    (``access.get_visible_report``): read afresh, in a fixed number of queries.

    ``surface`` says where it is shown (page, API, export): a view that shows the
    reporter's identity writes one ``IdentityView`` row."""
    report = Report.objects.select_related(*RELATED).get(pk=report.pk)
    tid = report.tracking_id
    assignments = list(report.assignments.select_related("agency", "division", "disposed_by"))
    own = is_own_report(user, report)
    caps = capacities_with_lead(user, report, lead_among(assignments))
    show = identity_rule(report, caps)[0]

    followups = list(
        report.followups.select_related("agency", "author", "reviewed_by", "published_by")
    )
    checks = list(report.field_checks.select_related("agency", "officer"))
    published = {f.pk for f in followups if f.state == DraftState.PUBLISHED}
    by_followup: dict[int, list[AttachmentRow]] = defaultdict(list)
    by_check: dict[int, list[AttachmentRow]] = defaultdict(list)
    files: list[AttachmentRow] = []
    evidence: list[AttachmentRow] = []
    for a in report.attachments.order_by("created_at", "id"):
        seen = a.kind in REPORTER_FILE_KINDS or a.followup_id in published
        row = AttachmentRow.of(a, tid, seen_by_reporter=seen)
        files.append(row)
        if a.followup_id is not None:
            by_followup[a.followup_id].append(row)
        elif a.field_check_id is not None:
            by_check[a.field_check_id].append(row)
        else:
            evidence.append(row)

    calendars = Calendars()
    clocks = report.clocks.select_related("organisation", "organisation__parent")
    events = list(report.events.order_by("created_at", "id"))
    messages = report.messages.select_related("author", "organisation").order_by("created_at", "id")
    actions, draft_id, blocked = _actions(user, report, caps, followups)
    identity = _identity(report, caps, own=own)
    _audit_identity(user, report, identity, caps, surface=surface, now=now)
    return StaffView(
        facts=_facts(report),
        identity=identity,
        capacities=frozenset(caps - {REPORTER}),
        capacity_labels=tuple(sorted(capacity_label(c) for c in caps - {REPORTER})),
        is_own_report=own,
        assignments=_assignments(assignments),
        clocks=tuple(_clock(c, now, calendars) for c in clocks),
        timeline=_timeline(report, events, show),
        messages=tuple(_message(m, report, show) for m in messages),
        field_checks=tuple(_field_check(c, tuple(by_check[c.pk])) for c in checks),
        followups=tuple(_followup(f, tuple(by_followup[f.pk])) for f in followups),
        current_draft_id=draft_id,
        feedback=tuple(
            FeedbackRow(f.satisfied, f.rating, f.comment, f.created_at)
            for f in report.feedback.order_by("created_at", "id")
        ),
        evidence=tuple(evidence),
        attachments=tuple(files),
        actions=actions,
        own_draft_blocked=blocked,
    )
