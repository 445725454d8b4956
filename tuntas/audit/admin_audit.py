"""A ModelAdmin mixin that writes an audit event for every change made in the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone

from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event


def audit_admin_change(request: HttpRequest, action: AuditAction, obj: models.Model) -> None:
    user = request.user if request.user.is_authenticated else None
    record_event(
        action=action,
        actor=user,
        now=timezone.now(),
        data={"model": obj._meta.label, "pk": obj.pk, "object": str(obj)[:200]},
    )


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # mixin for any model
    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        audit_admin_change(
            request, AuditAction.ADMIN_CHANGE if change else AuditAction.ADMIN_ADD, obj
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit_admin_change(request, AuditAction.ADMIN_DELETE, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            audit_admin_change(request, AuditAction.ADMIN_DELETE, obj)
        super().delete_queryset(request, queryset)
