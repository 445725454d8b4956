"""Who holds authority where: a person's memberships resolved into a scope.

The one home of the role groups and of "who administers what" (a Pemda's admin pages,
national administration). Report-specific rules (which reports one sees, in which
capacities one acts on a report) are in ``tuntas.reports.access``, built on this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tuntas.organisations.models import Membership, OrganisationKind, Role

if TYPE_CHECKING:
    # A type only: accounts imports the organisation tree, not the other way round.
    from tuntas.accounts.models import User

# Roles held across a whole Pemda (at the Pemda or in its Diskominfo sections).
PEMDA_WIDE_ROLES = frozenset(
    {Role.COORDINATOR, Role.SECTION_HEAD, Role.DIVISION_HEAD, Role.REGIONAL_SECRETARY, Role.VIEWER}
)
# Roles held across one agency (OPD).
AGENCY_WIDE_ROLES = frozenset({Role.LIAISON_OFFICER, Role.LIAISON_ADMIN, Role.AGENCY_HEAD})
# A capacity, not a role: a liaison officer of an agency whose setting says the liaison
# officer drafts the follow-up (no separate drafting staff; seed 004 step 5).
LIAISON_DRAFTER = "liaison_officer_drafting"


@dataclass(frozen=True)
class Scope:
    """A user's memberships, resolved once per request."""

    national: bool
    pemda_ids: frozenset[int]  # Pemdas where the user holds a Pemda-wide role
    roles_by_pemda: dict[int, frozenset[str]]
    agency_roles: dict[int, frozenset[str]]  # agency id -> roles held there
    division_ids: frozenset[int]  # divisions (or their sections' divisions) of division staff
    ombudsman: bool

    @property
    def coordinated_pemda_ids(self) -> list[int]:
        """Pemdas where the user is coordinator (Admin Koordinator)."""
        return sorted(
            pid for pid, roles in self.roles_by_pemda.items() if Role.COORDINATOR in roles
        )

    def intake_organisation_ids(self) -> tuple[list[int], list[int]]:
        """Pemdas where the user is coordinator, agencies where they are liaison admin:
        where they may type in reports from outside channels."""
        agencies = sorted(
            aid for aid, roles in self.agency_roles.items() if Role.LIAISON_ADMIN in roles
        )
        return self.coordinated_pemda_ids, agencies

    @property
    def is_staff(self) -> bool:
        return bool(
            self.national
            or self.pemda_ids
            or self.agency_roles
            or self.division_ids
            or self.ombudsman
        )


EMPTY_SCOPE = Scope(False, frozenset(), {}, {}, frozenset(), False)


def memberships_of(user: User) -> list[Membership]:
    cached: list[Membership] | None = getattr(user, "_tuntas_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).select_related(
                "organisation", "organisation__parent", "organisation__parent__parent"
            )
        )
        user._tuntas_memberships = cached  # type: ignore[attr-defined]  # per-request cache
    return cached


def scope_of(user: User | None) -> Scope:
    if user is None or not user.is_authenticated:
        return EMPTY_SCOPE
    national = False
    ombudsman = False
    roles_by_pemda: dict[int, set[str]] = {}
    agency_roles: dict[int, set[str]] = {}
    divisions: set[int] = set()
    for m in memberships_of(user):
        org = m.organisation
        if m.role == Role.NATIONAL_ADMIN:
            national = True
        elif m.role in PEMDA_WIDE_ROLES:
            if org.kind == OrganisationKind.OMBUDSMAN:
                ombudsman = True
                continue
            pemda = org.get_pemda()
            if pemda is not None:
                roles_by_pemda.setdefault(pemda.pk, set()).add(m.role)
        elif m.role in AGENCY_WIDE_ROLES:
            agency = org.get_agency()
            if agency is not None:
                held = agency_roles.setdefault(agency.pk, set())
                held.add(m.role)
                if m.role == Role.LIAISON_OFFICER and agency.liaison_officer_drafts:
                    held.add(LIAISON_DRAFTER)
        elif m.role == Role.DIVISION_STAFF:
            for node in org.ancestors():
                if node.kind == OrganisationKind.DIVISION:
                    divisions.add(node.pk)
                    break
    return Scope(
        national=national,
        pemda_ids=frozenset(roles_by_pemda),
        roles_by_pemda={k: frozenset(v) for k, v in roles_by_pemda.items()},
        agency_roles={k: frozenset(v) for k, v in agency_roles.items()},
        division_ids=frozenset(divisions),
        ombudsman=ombudsman,
    )


def administers_all(user: User | None) -> bool:
    """National admins and superusers: they run every Pemda's admin pages (API keys,
    webhooks, peers, incoming and failed messages)."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or scope_of(user).national)
    )


def coordinated_pemda_ids(user: User | None) -> list[int]:
    """The Pemdas whose admin pages ``user`` runs as their coordinator."""
    if user is None or not user.is_authenticated:
        return []
    return scope_of(user).coordinated_pemda_ids
