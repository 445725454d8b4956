from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tuntas.outbox.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin[OutboxMessage]):
    list_display = ["created_at", "channel", "event", "address", "recipient", "state", "attempts"]
    list_filter = ["state", "channel", "event"]
    search_fields = ["address", "subject", "idempotency_key"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
