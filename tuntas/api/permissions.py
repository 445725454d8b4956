"""Who may call the staff part of the API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from tuntas.api.auth import current_user
from tuntas.organisations.authority import scope_of


class IsStaffMember(BasePermission):
    """Signed in and holding at least one staff role somewhere."""

    message = _("Hanya petugas yang dapat memakai alamat ini.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = current_user(request)
        if user is None:
            return False
        return scope_of(user).is_staff
