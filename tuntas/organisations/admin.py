from __future__ import annotations

from django.contrib import admin

from tuntas.audit.admin_audit import AuditedAdmin
from tuntas.organisations.models import Membership, Organisation
from tuntas.organisations.roles import AuditedMembershipAdmin, AuditedMembershipInlineMixin


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(AuditedMembershipInlineMixin, AuditedAdmin):
    list_display = ["name", "kind", "parent", "service_standard", "timezone", "is_active"]
    list_filter = ["kind", "timezone", "is_active", "service_standard"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(AuditedMembershipAdmin):
    """Role grants and revokes are audited naming the person, role and organisation."""

    list_display = ["user", "role", "organisation", "created_at"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "user__full_name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
