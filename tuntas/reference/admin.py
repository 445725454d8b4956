from __future__ import annotations

from django.contrib import admin

from tuntas.audit.admin_audit import AuditedAdmin
from tuntas.reference.models import Category, CategoryRoute, Channel, Classification, Region


@admin.register(Classification)
class ClassificationAdmin(AuditedAdmin):
    list_display = ["name", "code", "requires_examination", "default_followup_days", "order"]
    list_editable = ["default_followup_days", "order"]


class CategoryRouteInline(admin.TabularInline[CategoryRoute, Category]):
    model = CategoryRoute
    extra = 0
    autocomplete_fields = ["pemda", "agency"]


@admin.register(Category)
class CategoryAdmin(AuditedAdmin):
    list_display = ["__str__", "parent", "is_active"]
    list_filter = ["is_active", "parent"]
    search_fields = ["name"]
    inlines = [CategoryRouteInline]


@admin.register(Channel)
class ChannelAdmin(AuditedAdmin):
    list_display = ["name", "code", "is_outside_system", "order"]
    list_editable = ["is_outside_system", "order"]


@admin.register(Region)
class RegionAdmin(AuditedAdmin):
    list_display = ["code", "name", "level", "parent", "pemda"]
    list_filter = ["level", "pemda"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent", "pemda"]
