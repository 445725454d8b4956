"""Template helpers for the staff pages."""

from __future__ import annotations

from django import template
from django.urls import ResolverMatch

from tuntas.accounts.models import User
from tuntas.organisations.authority import scope_of
from tuntas.staff.guard import can_intake
from tuntas.staff.integrations import integration_apps, integrations_for

register = template.Library()


@register.simple_tag
def may_intake(user: User) -> bool:
    """Whether to show the intake link (coordinators and liaison admins only)."""
    return user.is_authenticated and can_intake(scope_of(user))


@register.simple_tag
def may_see_integrations(user: User) -> bool:
    """Whether to show the "Integrasi" link (someone may open one of its entries)."""
    return bool(integrations_for(user))


@register.simple_tag
def in_integrations(match: ResolverMatch | None) -> bool:
    """Whether the current page is the integration page or one of its entries' pages."""
    if match is None:
        return False
    return match.view_name == "staff:integrations" or match.app_name in integration_apps()
