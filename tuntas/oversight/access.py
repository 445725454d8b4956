"""Who may do what with the oversight documents.

The Pemda's complaint unit works inside its Diskominfo: the coordinator (Admin Utama)
compiles, the Kasi (section head) and Kabid (division head) initial; their memberships
sit on a section or division, and the Pemda is found by walking up the tree (as
``tuntas.organisations.authority.scope_of`` does). The Kepala Dinas who approves the monitoring
and evaluation analysis is the head of the agency that holds that unit: an agency head
of an agency in which the Pemda's Kasi or Kabid sit.
"""

from __future__ import annotations

from django.db.models import QuerySet

from tuntas.accounts.models import User
from tuntas.organisations.authority import memberships_of, scope_of
from tuntas.organisations.models import Membership, Organisation, OrganisationKind, Role

# Pemda-wide roles that may read the oversight documents of their Pemda.
READER_ROLES = frozenset(
    {Role.COORDINATOR, Role.SECTION_HEAD, Role.DIVISION_HEAD, Role.REGIONAL_SECRETARY}
)
# Roles that make up the complaint team (Tim Pengelola Pengaduan): they write M&E records.
TEAM_ROLES = frozenset({Role.COORDINATOR, Role.SECTION_HEAD, Role.DIVISION_HEAD})
AGENCY_RECAP_ROLES = frozenset({Role.LIAISON_OFFICER, Role.LIAISON_ADMIN, Role.AGENCY_HEAD})


def pemda_roles(user: User | None) -> dict[int, frozenset[str]]:
    """Pemda id → the Pemda-wide roles the user holds there."""
    return scope_of(user).roles_by_pemda


def pemdas_with(user: User | None, roles: frozenset[str] | set[str]) -> list[int]:
    return sorted(pid for pid, held in pemda_roles(user).items() if held & roles)


def has_role(user: User | None, pemda: Organisation, role: str) -> bool:
    return role in pemda_roles(user).get(pemda.pk, frozenset())


def readable_pemdas(user: User | None) -> list[int]:
    """Pemdas whose quarterly reports and M&E records the user may read."""
    return sorted(set(pemdas_with(user, READER_ROLES)) | set(approver_pemdas(user)))


def recap_organisations(user: User | None) -> list[Organisation]:
    """What the user may see a daily recap of: whole Pemdas (Pemda-wide roles) first,
    then their own agencies."""
    scope = scope_of(user)
    pemda_ids = pemdas_with(user, READER_ROLES)
    agency_ids = [aid for aid, roles in scope.agency_roles.items() if roles & AGENCY_RECAP_ROLES]
    orgs = {o.pk: o for o in Organisation.objects.filter(pk__in=[*pemda_ids, *agency_ids])}
    return [orgs[pk] for pk in pemda_ids if pk in orgs] + sorted(
        (orgs[pk] for pk in agency_ids if pk in orgs), key=lambda o: o.name
    )


def may_report_recap(user: User | None, organisation: Organisation) -> bool:
    """SOP 6: the Kasi checks the Pemda's daily recap and reports it upwards; for an
    agency's recap, its liaison officer (Pejabat Penghubung) does."""
    scope = scope_of(user)
    if organisation.kind == OrganisationKind.PEMDA:
        return Role.SECTION_HEAD in scope.roles_by_pemda.get(organisation.pk, frozenset())
    return Role.LIAISON_OFFICER in scope.agency_roles.get(organisation.pk, frozenset())


def _pemda_memberships(pemda: Organisation, roles: set[str]) -> list[Membership]:
    rows = Membership.objects.filter(role__in=roles, user__is_active=True).select_related(
        "user",
        "organisation",
        "organisation__parent",
        "organisation__parent__parent",
        "organisation__parent__parent__parent",
    )
    return [m for m in rows if _pemda_of(m.organisation) == pemda.pk]


def _pemda_of(org: Organisation) -> int | None:
    found = org.get_pemda()
    return found.pk if found is not None else None


def holders(pemda: Organisation, role: str) -> list[User]:
    """Everyone holding ``role`` for ``pemda`` (in the Pemda or one of its units)."""
    seen: dict[int, User] = {}
    for m in _pemda_memberships(pemda, {role}):
        seen.setdefault(m.user_id, m.user)
    return list(seen.values())


def managing_agencies(pemda: Organisation) -> set[int]:
    """The agencies holding the Pemda's complaint unit (where its Kasi and Kabid sit)."""
    agencies: set[int] = set()
    for m in _pemda_memberships(pemda, {Role.SECTION_HEAD, Role.DIVISION_HEAD}):
        agency = m.organisation.get_agency()
        if agency is not None:
            agencies.add(agency.pk)
    return agencies


def approvers(pemda: Organisation) -> list[User]:
    """The Kepala Dinas (or Dinas heads) who approve the Pemda's M&E records."""
    agency_ids = managing_agencies(pemda)
    rows = Membership.objects.filter(
        role=Role.AGENCY_HEAD, organisation_id__in=agency_ids, user__is_active=True
    ).select_related("user")
    return list({m.user_id: m.user for m in rows}.values())


def approver_pemdas(user: User | None) -> list[int]:
    """Pemdas whose M&E records the user approves as Kepala Dinas."""
    if user is None or not user.is_authenticated:
        return []
    found: set[int] = set()
    for m in memberships_of(user):
        if m.role != Role.AGENCY_HEAD:
            continue
        agency = m.organisation.get_agency()
        pemda = agency.get_pemda() if agency is not None else None
        if agency is not None and pemda is not None and agency.pk in managing_agencies(pemda):
            found.add(pemda.pk)
    return sorted(found)


def is_approver(user: User | None, pemda: Organisation) -> bool:
    return pemda.pk in approver_pemdas(user)


def pemdas(ids: list[int]) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=ids).order_by("name")
