"""Template helpers for the outbox pages and the staff navigation."""

from __future__ import annotations

from django import template

from tuntas.accounts.models import User
from tuntas.outbox.dead_letters import may_manage_dead_letters

register = template.Library()


@register.simple_tag
def may_see_dead_letters(user: User) -> bool:
    """Whether to show the failed-messages link (coordinators and national admins)."""
    return bool(user.is_authenticated and may_manage_dead_letters(user))
