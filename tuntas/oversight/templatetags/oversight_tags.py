from __future__ import annotations

from django import template

from tuntas.accounts.models import User
from tuntas.organisations.authority import scope_of
from tuntas.oversight import access

register = template.Library()


@register.simple_tag
def may_oversee(user: User) -> bool:
    """Whether to show the oversight link (complaint team, Kepala Dinas, agency recap).
    Reads the memberships already cached for the request; a query only for agency heads."""
    if not user.is_authenticated:
        return False
    if access.pemdas_with(user, access.READER_ROLES):
        return True
    scope = scope_of(user)
    if any(roles & access.AGENCY_RECAP_ROLES for roles in scope.agency_roles.values()):
        return True
    return bool(access.approver_pemdas(user))
