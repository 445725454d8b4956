"""The staff inbox: what needs me now, what is late, and everything in my scope."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from tuntas.accounts.models import User
from tuntas.organisations.authority import Scope, memberships_of, scope_of
from tuntas.organisations.models import Membership, Organisation, OrganisationKind, Role
from tuntas.reports.access import reports_visible_to
from tuntas.reports.models import Assignment, AssignmentState, Escalation, Report, Status
from tuntas.reports.models.status import AGENCY_STATUSES
from tuntas.reports.selectors import late_clocks, with_next_due
from tuntas.reports.staff_view.timing import due_class
from tuntas.reports.transitions import TABLE, Action
from tuntas.standards.models import Step
from tuntas.workdays.calendars import Calendars

S = Status
# The statuses in which each role has the next move on a report (the table's
# secondary moves such as transfer or Ombudsman are left out: they are always
# possible and would fill every inbox).
NEEDS_ACTION: dict[str, frozenset[Status]] = {
    Role.NATIONAL_ADMIN: frozenset({S.NOT_IN_AUTHORITY}),
    Role.COORDINATOR: frozenset({S.SUBMITTED, S.VERIFIED, S.FOLLOWED_UP}),
    Role.LIAISON_OFFICER: frozenset({S.DISPOSED, S.DRAFT_REVIEW, S.DRAFT_APPROVED}),
    Role.LIAISON_ADMIN: frozenset({S.DISPOSED, S.ACCEPTED, S.DRAFT_APPROVED}),
    Role.AGENCY_HEAD: frozenset({S.ACCEPTED, S.DRAFT_REVIEW}),
    Role.DIVISION_STAFF: frozenset({S.IN_DIVISION}),
}
LIAISON_ROLES = frozenset({Role.LIAISON_OFFICER, Role.LIAISON_ADMIN})
ENDED = (AssignmentState.RETURNED, AssignmentState.TRANSFERRED)


def _statuses(roles: Iterable[str]) -> set[Status]:
    out: set[Status] = set()
    for role in roles:
        out |= NEEDS_ACTION.get(role, frozenset())
    return out


def needs_action_filter(scope: Scope) -> Q:
    """Reports on which one of the user's roles has the next move."""
    q = Q(pk__in=[])
    if scope.national:
        q |= Q(status__in=NEEDS_ACTION[Role.NATIONAL_ADMIN])
        # The sweep asked the national admin to intervene (seed 003 SOP 1).
        q |= Q(escalation=Escalation.NATIONAL, status__in=AGENCY_STATUSES)
    for pemda_id, roles in scope.roles_by_pemda.items():
        if statuses := _statuses(roles):
            q |= Q(pemda_id=pemda_id, status__in=statuses)
        if Role.COORDINATOR in roles:
            # An agency is late and the Pemda's admin has been asked to intervene.
            q |= Q(pemda_id=pemda_id, status__in=AGENCY_STATUSES) & ~Q(escalation="")
    for agency_id, roles in scope.agency_roles.items():
        if statuses := _statuses(roles):
            q |= Q(lead_agency_id=agency_id, status__in=statuses)
    liaison = [a for a, roles in scope.agency_roles.items() if roles & LIAISON_ROLES]
    if liaison:
        pending_support = Assignment.objects.filter(
            report=OuterRef("pk"),
            is_lead=False,
            state=AssignmentState.PENDING,
            agency_id__in=liaison,
        )
        q |= Q(Exists(pending_support), status__in=TABLE[Action.ACCEPT_SUPPORT].sources - {None})
    if scope.division_ids:
        in_my_division = Assignment.objects.filter(
            report=OuterRef("pk"),
            is_lead=True,
            agency_id=OuterRef("lead_agency_id"),
            division_id__in=list(scope.division_ids),
        ).exclude(state__in=ENDED)
        q |= Q(Exists(in_my_division), status__in=NEEDS_ACTION[Role.DIVISION_STAFF])
    return q


def _listed(qs: QuerySet[Report]) -> QuerySet[Report]:
    """What an inbox row shows, with the nearest deadline (``next_due``, ``next_step``)."""
    return with_next_due(qs.select_related("pemda", "lead_agency", "classification"))


def needs_action(user: User) -> QuerySet[Report]:
    """Reports on which the user has the next move (never one they filed: they may not
    handle it as staff)."""
    qs = reports_visible_to(user).filter(needs_action_filter(scope_of(user)))
    qs = qs.exclude(reporter=user)
    return _listed(qs).order_by(F("next_due").asc(nulls_last=True), "created_at")


def overdue(user: User, now: datetime) -> QuerySet[Report]:
    qs = reports_visible_to(user).filter(Exists(late_clocks(now)))
    return _listed(qs).order_by(F("next_due").asc(nulls_last=True), "created_at")


def in_scope(user: User, filters: dict[str, Any], now: datetime) -> QuerySet[Report]:
    """Everything the user may see, narrowed by the inbox filter form's cleaned data."""
    qs = reports_visible_to(user)
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("pemda"):
        qs = qs.filter(pemda=filters["pemda"])
    if filters.get("agency"):
        qs = qs.filter(lead_agency=filters["agency"])
    if filters.get("classification"):
        qs = qs.filter(classification=filters["classification"])
    if text := (filters.get("q") or "").strip():
        qs = qs.filter(Q(tracking_id__iexact=text) | Q(title__icontains=text))
    if filters.get("mine"):
        qs = qs.filter(needs_action_filter(scope_of(user)))
    if filters.get("late"):
        qs = qs.filter(Exists(late_clocks(now)))
    return _listed(qs).order_by("-created_at", "-id")


@dataclass(frozen=True)
class InboxRow:
    report: Report
    due: datetime | None
    step_label: str
    due_class: str


def rows(reports: Iterable[Report], now: datetime) -> list[InboxRow]:
    """Rows for reports annotated by ``with_next_due`` (no further queries per row
    beyond one cached calendar lookup per Pemda)."""
    calendars = Calendars()
    out: list[InboxRow] = []
    for report in reports:
        due: datetime | None = getattr(report, "next_due", None)
        step: str | None = getattr(report, "next_step", None)
        out.append(
            InboxRow(
                report=report,
                due=due,
                step_label=str(Step(step).label) if step in Step.values else (step or ""),
                due_class=due_class(due, now, calendars.of(report.pemda)),
            )
        )
    return out


@dataclass(frozen=True)
class FilterChoices:
    pemdas: QuerySet[Organisation]
    agencies: QuerySet[Organisation]


def filter_choices(user: User) -> FilterChoices:
    """The Pemdas and agencies worth offering in the inbox filters."""
    scope = scope_of(user)
    pemdas = Organisation.objects.filter(kind=OrganisationKind.PEMDA)
    if not scope.national:
        ids = set(scope.pemda_ids)
        for m in memberships_of(user):
            pemda = m.organisation.get_pemda()
            if pemda is not None:
                ids.add(pemda.pk)
        pemdas = pemdas.filter(pk__in=ids)
    agencies = Organisation.objects.filter(kind=OrganisationKind.AGENCY, parent__in=pemdas)
    return FilterChoices(pemdas=pemdas.order_by("name"), agencies=agencies.order_by("name"))


def held_roles(user: User) -> list[Membership]:
    return sorted(memberships_of(user), key=lambda m: (m.organisation.name, m.role))
