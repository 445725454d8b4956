from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tuntas.audit.models import AuditEvent, IdentityView


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only: the audit trail is never edited."""

    list_display = ["created_at", "action", "actor_label", "report", "from_status", "to_status"]
    list_filter = ["action", "visibility"]
    search_fields = ["report__tracking_id", "actor_label", "reason"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IdentityView)
class IdentityViewAdmin(admin.ModelAdmin[IdentityView]):
    """Read-only: who saw which reporter's identity, when and where."""

    list_display = ["created_at", "viewer", "report", "surface", "capacities"]
    list_filter = ["surface"]
    search_fields = ["report__tracking_id", "viewer__username"]
    date_hierarchy = "created_at"
    raw_id_fields = ["viewer", "report", "subject"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
