"""The staff navigation's webhook link."""

from __future__ import annotations

from django import template

from tuntas.accounts.models import User
from tuntas.webhooks.access import may_manage_webhooks

register = template.Library()


@register.simple_tag
def may_see_webhooks(user: User) -> bool:
    """Whether to show the webhook link (coordinators and national admins)."""
    return bool(user.is_authenticated and may_manage_webhooks(user))
