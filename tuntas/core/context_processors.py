from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Whether the signed-in person is staff, and their unread notification count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_staff_user": False, "unread_notifications": 0}
    from tuntas.organisations.authority import scope_of

    return {
        "is_staff_user": scope_of(user).is_staff,
        "unread_notifications": user.notifications.filter(read_at__isnull=True).count(),
    }
