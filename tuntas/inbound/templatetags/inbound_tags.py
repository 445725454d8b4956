"""Template helpers for the inbound review page link."""

from __future__ import annotations

from django import template

from tuntas.accounts.models import User
from tuntas.inbound.selectors import can_review

register = template.Library()


@register.simple_tag
def may_review_inbound(user: User) -> bool:
    """Whether to show the link to the incoming messages that need a person."""
    return user.is_authenticated and can_review(user)
