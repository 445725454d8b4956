"""The staff navigation's "Federasi" link."""

from __future__ import annotations

from django import template

from tuntas.accounts.models import User
from tuntas.federation.peers import may_manage_peers

register = template.Library()


@register.simple_tag
def may_manage_federation(user: User) -> bool:
    """Whether to show the "Federasi" link (coordinators and national admins)."""
    return bool(user.is_authenticated and may_manage_peers(user))
