"""Keys and their use log are read-only in the admin: issue and revoke on the staff pages
(or with ``manage.py create_api_key``), so every change goes through the audited actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tuntas.apikeys.models import ApiKey, ApiKeyUse


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]  # shared by both models
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ApiKey)
class ApiKeyAdmin(_ReadOnly):
    list_display = ["name", "prefix", "organisation", "created_at", "revoked_at", "last_used_at"]
    list_filter = ["organisation"]
    search_fields = ["name", "prefix"]
    exclude = ["secret_hash"]


@admin.register(ApiKeyUse)
class ApiKeyUseAdmin(_ReadOnly):
    list_display = ["at", "key", "method", "path", "status_code", "remote_addr"]
    list_filter = ["status_code", "method"]
    date_hierarchy = "at"
