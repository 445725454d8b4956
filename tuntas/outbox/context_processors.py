"""What every page's header shows: the staff link or the reporter's, and the unread
in-app notifications (the outbox's ``Notification``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tuntas.accounts.two_factor import relaxed_for
from tuntas.organisations.authority import scope_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Whether the signed-in person is staff, their unread notification count, and whether
    the demo relaxed their two-factor requirement."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_staff_user": False, "unread_notifications": 0, "two_factor_relaxed": False}
    return {
        "is_staff_user": scope_of(user).is_staff,
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
        # The embedded demo relaxed a two-factor requirement: a banner says so.
        "two_factor_relaxed": relaxed_for(user),
    }
