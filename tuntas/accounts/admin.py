from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from tuntas.accounts.models import User
from tuntas.audit.admin_audit import audit_admin_change
from tuntas.audit.catalogue import AuditAction
from tuntas.organisations.models import Membership
from tuntas.organisations.roles import AuditedMembershipInlineMixin


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(AuditedMembershipInlineMixin, BaseUserAdmin[User]):
    list_display = ["username", "full_name", "email", "phone", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email", "phone"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Data Tuntas"), {"fields": ("full_name", "phone", "nik")}),
    )
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        audit_admin_change(
            request, AuditAction.ADMIN_CHANGE if change else AuditAction.ADMIN_ADD, obj
        )
