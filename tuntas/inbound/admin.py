"""Routes are edited in the admin (audited); received messages are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tuntas.audit.admin_audit import AuditedAdmin
from tuntas.inbound.models import InboundMessage, InboundRoute


@admin.register(InboundRoute)
class InboundRouteAdmin(AuditedAdmin):
    list_display = ["channel", "destination", "pemda", "is_active"]
    list_filter = ["channel", "is_active", "pemda"]
    search_fields = ["destination"]
    autocomplete_fields = ["pemda"]


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin[InboundMessage]):
    list_display = ["received_at", "channel", "sender", "destination", "state", "pemda", "report"]
    list_filter = ["state", "channel"]
    search_fields = ["sender", "provider_id", "subject"]
    date_hierarchy = "received_at"
    readonly_fields = [f.name for f in InboundMessage._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
