"""Who may see a report and in which capacities a person may act on it.

Every read that depends on the asker goes through ``reports_visible_to`` or
``get_visible_report``: a report outside your scope is a 404, never a leak.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from tuntas.accounts.models import User
from tuntas.core.errors import NotFound
from tuntas.organisations.authority import Scope, scope_of
from tuntas.organisations.models import Role
from tuntas.reports.models import Assignment, AssignmentState, Report, Status
from tuntas.reports.transitions import REPORTER, Action

# An agency sees a report while it holds it (or held it to the end); once it returned a
# wrong disposition or transferred the report, the report belongs to someone else.
HOLDING_STATES = [AssignmentState.PENDING, AssignmentState.ACCEPTED, AssignmentState.DONE]


def staff_filter(scope: Scope) -> Q | None:
    """The reports a staff scope covers, or None for everything (national admin)."""
    if scope.national:
        return None
    q = Q(pk__in=[])
    if scope.pemda_ids:
        q |= Q(pemda_id__in=scope.pemda_ids)
    if scope.agency_roles:
        q |= Q(
            pk__in=Assignment.objects.filter(
                agency_id__in=list(scope.agency_roles), state__in=HOLDING_STATES
            ).values("report_id")
        )
    if scope.division_ids:
        q |= Q(
            pk__in=Assignment.objects.filter(
                division_id__in=list(scope.division_ids), state__in=HOLDING_STATES
            ).values("report_id")
        )
    if scope.ombudsman:
        q |= Q(status=Status.OMBUDSMAN)
    return q


def reports_visible_to(user: User | None) -> QuerySet[Report]:
    qs = Report.objects.all()
    if user is None or not user.is_authenticated:
        return qs.none()
    scope = scope_of(user)
    staff_q = staff_filter(scope)
    if staff_q is None:
        return qs
    return qs.filter(staff_q | Q(reporter=user))


def get_visible_report(user: User | None, tracking_id: str) -> Report:
    report = reports_visible_to(user).filter(tracking_id=tracking_id).first()
    if report is None:
        raise NotFound(_not_found_message(), code="report_not_found")
    return report


def _not_found_message() -> str:
    from django.utils.translation import gettext as _

    return _("Laporan tidak ditemukan atau Anda tidak berwenang melihatnya.")


def lead_assignment(report: Report) -> Assignment | None:
    return (
        report.assignments.filter(is_lead=True)
        .exclude(state__in=[AssignmentState.RETURNED, AssignmentState.TRANSFERRED])
        .select_related("agency", "division")
        .order_by("-disposed_at", "-id")
        .first()
    )


def capacities(user: User | None, report: Report, *, is_reporter: bool = False) -> set[str]:
    """Every capacity (a role, or ``reporter``) in which ``user`` may act on ``report``."""
    caps: set[str] = set()
    if is_reporter or (
        user is not None
        and user.is_authenticated
        and report.reporter_id is not None
        and report.reporter_id == user.pk
    ):
        caps.add(REPORTER)
    if user is None or not user.is_authenticated:
        return caps
    scope = scope_of(user)
    if scope.national:
        caps.add(Role.NATIONAL_ADMIN)
    if report.pemda_id is not None:
        caps |= scope.roles_by_pemda.get(report.pemda_id, frozenset())
    lead = lead_assignment(report)
    if lead is not None:
        caps |= scope.agency_roles.get(lead.agency_id, frozenset())
        if lead.division_id is not None and lead.division_id in scope.division_ids:
            caps.add(Role.DIVISION_STAFF)
    return caps


def support_assignments(user: User, report: Report) -> list[Assignment]:
    """Pending supporting (non-lead) assignments the user may accept."""
    scope = scope_of(user)
    return [
        a
        for a in report.assignments.filter(is_lead=False, state=AssignmentState.PENDING)
        if a.agency_id in scope.agency_roles
    ]


def can_see_identity(user: User | None, report: Report, caps: Iterable[str]) -> bool:
    """Anonim hides the reporter from agencies and the public, never from the reporter
    or the Pemda's coordinators and the national admin."""
    caps = set(caps)
    if REPORTER in caps or Role.NATIONAL_ADMIN in caps or Role.COORDINATOR in caps:
        return True
    if report.is_anonymous:
        return False
    return bool(caps)


def available_actions(
    user: User | None, report: Report, *, is_reporter: bool = False
) -> list[Action]:
    from tuntas.reports.transitions import TABLE

    caps = capacities(user, report, is_reporter=is_reporter)
    current = Status(report.status)
    actions: list[Action] = [
        action
        for action, row in TABLE.items()
        if current in row.sources and caps & row.actors and action != Action.ACCEPT_SUPPORT
    ]
    if (
        current in TABLE[Action.ACCEPT_SUPPORT].sources
        and user is not None
        and user.is_authenticated
        and support_assignments(user, report)
    ):
        actions.append(Action.ACCEPT_SUPPORT)
    return actions
