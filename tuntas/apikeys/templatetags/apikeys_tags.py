"""Template helpers for the API key pages and the staff navigation."""

from __future__ import annotations

from django import template

from tuntas.accounts.models import User
from tuntas.apikeys.access import may_manage_keys

register = template.Library()


@register.simple_tag
def may_manage_api_keys(user: User) -> bool:
    """Whether to show the "Kunci API" link (coordinators and national admins)."""
    return bool(user.is_authenticated and may_manage_keys(user))
