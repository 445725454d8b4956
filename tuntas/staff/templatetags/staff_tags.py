"""Template helpers for the staff pages."""

from __future__ import annotations

from django import template

from tuntas.accounts.models import User
from tuntas.organisations.authority import scope_of
from tuntas.staff.guard import can_intake

register = template.Library()


@register.simple_tag
def may_intake(user: User) -> bool:
    """Whether to show the intake link (coordinators and liaison admins only)."""
    return user.is_authenticated and can_intake(scope_of(user))
