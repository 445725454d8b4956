"""Reports are read-only in the admin: every change goes through the actions."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tuntas.reports.models import Assignment, Clock, Report


class ReadOnlyInline(admin.TabularInline[Any, Report]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AssignmentInline(ReadOnlyInline):
    model = Assignment


class ClockInline(ReadOnlyInline):
    model = Clock


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin[Report]):
    list_display = ["tracking_id", "title", "status", "pemda", "lead_agency", "created_at"]
    list_filter = ["status", "pemda", "classification", "channel"]
    search_fields = ["tracking_id", "title"]
    date_hierarchy = "created_at"
    inlines = [AssignmentInline, ClockInline]
    exclude = ["access_code_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
