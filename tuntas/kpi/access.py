"""Who may see which KPIs.

The national admin sees every Pemda; the Pemda-wide roles (coordinator, Kasi, Kabid,
Sekda, viewers such as APIP) see their Pemda; agency roles (liaison officer and admin,
agency head) see their own agency only. Anyone else is refused (403).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from tuntas.accounts.models import User
from tuntas.organisations.authority import scope_of


@dataclass(frozen=True)
class KpiScope:
    national: bool
    pemda_ids: frozenset[int]
    agency_ids: frozenset[int]

    @property
    def allowed(self) -> bool:
        return bool(self.national or self.pemda_ids or self.agency_ids)

    @property
    def agency_only(self) -> bool:
        """Agency roles only: every filter is fixed to the agency."""
        return not self.national and not self.pemda_ids and bool(self.agency_ids)

    def facts_q(self, prefix: str = "") -> Q:
        """The report facts in scope (``prefix`` for a related model, e.g. ``"fact__"``)."""
        if self.national:
            return Q()
        q = Q(pk__in=[])
        if self.pemda_ids:
            q |= Q(**{f"{prefix}pemda_id__in": sorted(self.pemda_ids)})
        if self.agency_ids:
            q |= Q(**{f"{prefix}lead_agency_id__in": sorted(self.agency_ids)})
        return q


def kpi_scope(user: User | None) -> KpiScope:
    scope = scope_of(user)
    return KpiScope(
        national=scope.national,
        pemda_ids=frozenset(scope.pemda_ids),
        agency_ids=frozenset(scope.agency_roles),
    )
