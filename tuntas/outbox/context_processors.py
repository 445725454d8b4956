"""What every page's header shows: the staff link or the reporter's, and the unread
in-app notifications (the outbox's ``Notification``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tuntas.organisations.authority import scope_of


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Whether the signed-in person is staff, and their unread notification count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_staff_user": False, "unread_notifications": 0}
    return {
        "is_staff_user": scope_of(user).is_staff,
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
    }
