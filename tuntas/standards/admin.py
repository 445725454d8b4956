from __future__ import annotations

from django.contrib import admin

from tuntas.audit.admin_audit import AuditedAdmin
from tuntas.standards.models import ServiceStandard, StepLimit


class StepLimitInline(admin.TabularInline[StepLimit, ServiceStandard]):
    model = StepLimit
    extra = 0
    fields = ["step", "classification", "min_amount", "amount", "unit", "note"]


@admin.register(ServiceStandard)
class ServiceStandardAdmin(AuditedAdmin):
    list_display = ["name", "preset_key", "source", "is_national_default"]
    search_fields = ["name", "preset_key", "source"]
    inlines = [StepLimitInline]
