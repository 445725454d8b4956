"""Who may see a report as staff, and in which capacities a person may act on it.

Two separate ways to a report, never mixed:

* staff surfaces (staff pages, staff API, exports, digest, federation pages) read
  through the **staff scope** only: ``reports_visible_to`` / ``get_visible_report``.
  A report outside one's scope is a 404, never a leak, also when
  one filed it oneself;
* the reporter reads their own reports through ``tuntas.reports.selectors.own_reports``
  (citizen pages, reporter API, "Laporan saya"): the citizen view, whatever roles
  their account holds.

Conflict of interest: a staff member who filed a report acts on it only as its
reporter (``capacities``); colleagues with the authority handle it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

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
    """The reports ``user`` sees as staff: their roles' scope, nothing else. Having
    filed a report adds nothing here (see ``own_reports`` for the reporter's side)."""
    qs = Report.objects.all()
    if user is None or not user.is_authenticated:
        return qs.none()
    staff_q = staff_filter(scope_of(user))
    return qs if staff_q is None else qs.filter(staff_q)


def get_visible_report(user: User | None, tracking_id: str) -> Report:
    """The report as a staff surface may open it: in ``user``'s staff scope, or 404."""
    report = reports_visible_to(user).filter(tracking_id=tracking_id).first()
    if report is None:
        raise NotFound(_not_found_message(), code="report_not_found")
    return report


def is_own_report(user: User | None, report: Report) -> bool:
    """``user`` filed ``report`` with their account."""
    return (
        user is not None
        and user.is_authenticated
        and report.reporter_id is not None
        and report.reporter_id == user.pk
    )


def _not_found_message() -> str:
    return _("Laporan tidak ditemukan atau Anda tidak berwenang melihatnya.")


def lead_among(assignments: Iterable[Assignment]) -> Assignment | None:
    """``lead_assignment`` of assignments already read (the latest lead still holding)."""
    held = [
        a
        for a in assignments
        if a.is_lead and a.state not in (AssignmentState.RETURNED, AssignmentState.TRANSFERRED)
    ]
    return max(held, key=lambda a: (a.disposed_at, a.pk), default=None)


def lead_assignment(report: Report) -> Assignment | None:
    return (
        report.assignments.filter(is_lead=True)
        .exclude(state__in=[AssignmentState.RETURNED, AssignmentState.TRANSFERRED])
        .select_related("agency", "division")
        .order_by("-disposed_at", "-id")
        .first()
    )


def capacities(user: User | None, report: Report, *, is_reporter: bool = False) -> set[str]:
    """Every capacity (a role, or ``reporter``) in which ``user`` may act on ``report``.

    Nobody handles their own report: a staff member who filed ``report`` with their
    account acts on it only as its reporter, whatever roles they hold (conflict of
    interest; the four-eyes rule applied to the whole report).
    """
    signed_in = user is not None and user.is_authenticated
    lead = lead_assignment(report) if signed_in and not is_own_report(user, report) else None
    return capacities_with_lead(user, report, lead, is_reporter=is_reporter)


def capacities_with_lead(
    user: User | None, report: Report, lead: Assignment | None, *, is_reporter: bool = False
) -> set[str]:
    """``capacities`` when the caller has already read the report's lead assignment."""
    caps: set[str] = set()
    if is_own_report(user, report):
        return {REPORTER}
    if is_reporter:
        caps.add(REPORTER)
    if user is None or not user.is_authenticated:
        return caps
    scope = scope_of(user)
    if scope.national:
        caps.add(Role.NATIONAL_ADMIN)
    if report.pemda_id is not None:
        caps |= scope.roles_by_pemda.get(report.pemda_id, frozenset())
    if lead is not None:
        caps |= scope.agency_roles.get(lead.agency_id, frozenset())
        if lead.division_id is not None and lead.division_id in scope.division_ids:
            caps.add(Role.DIVISION_STAFF)
    return caps


def support_assignments(user: User, report: Report) -> list[Assignment]:
    """Pending supporting (non-lead) assignments the user may accept (none on a report
    they filed: see ``capacities``)."""
    if is_own_report(user, report):
        return []
    scope = scope_of(user)
    return [
        a
        for a in report.assignments.filter(is_lead=False, state=AssignmentState.PENDING)
        if a.agency_id in scope.agency_roles
    ]


def can_see_identity(user: User | None, report: Report, caps: Iterable[str]) -> bool:
    """Anonim hides the reporter from agencies and the public, never from the reporter
    or the Pemda's coordinators and the national admin."""
    return identity_rule(report, caps)[0]


def identity_rule(report: Report, caps: Iterable[str]) -> tuple[bool, str]:
    """Whether someone acting in ``caps`` sees the reporter's identity, and why (the
    reason in words, as the staff view shows it)."""
    caps = set(caps)
    if REPORTER in caps:
        return True, _("Anda adalah pelapor laporan ini.")
    if Role.NATIONAL_ADMIN in caps or Role.COORDINATOR in caps:
        if report.is_anonymous:
            return True, _(
                "Laporan anonim: identitas hanya untuk admin koordinator dan admin nasional. "
                "Jangan teruskan ke OPD atau publik."
            )
        return True, _("Pelapor tidak meminta anonim.")
    if report.is_anonymous:
        return False, _("Pelapor meminta anonim: identitasnya disembunyikan dari OPD dan publik.")
    if not caps:
        return False, _("Identitas pelapor hanya untuk petugas yang menangani laporan ini.")
    return True, _("Pelapor tidak meminta anonim.")


def available_actions(
    user: User | None,
    report: Report,
    *,
    is_reporter: bool = False,
    caps: set[str] | None = None,
) -> list[Action]:
    """The actions ``user`` may take on ``report`` now; ``caps`` may pass their
    capacities when the caller has already computed them."""
    from tuntas.reports.transitions import TABLE

    if caps is None:
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
