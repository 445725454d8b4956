from __future__ import annotations

from django import template

from tuntas.kpi.charts import number

register = template.Library()


@register.filter
def kpi_number(value: object, suffix: str = "") -> str:
    """1.234 and 12,5 (Indonesian marks); a dash when there is nothing to show."""
    return number(value, suffix)


@register.simple_tag
def may_see_kpi(user: object) -> bool:
    """Whether the staff navigation shows the KPI dashboard."""
    from tuntas.accounts.models import User
    from tuntas.kpi.access import kpi_scope

    return isinstance(user, User) and kpi_scope(user).allowed
