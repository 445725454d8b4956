"""Audit events for granting and revoking roles (memberships) in the Django admin.

Each names the person, the role and the organisation: ``role_granted`` when a membership
is added (or changed to a new role or organisation), ``role_revoked`` when one is deleted
(or changed away). The admin's membership inlines and ``MembershipAdmin`` call these.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db import transaction
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest
from django.utils import timezone

from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.organisations.models import Membership, Role

if TYPE_CHECKING:  # organisations sit below accounts: the user model only as a type
    from tuntas.accounts.models import User


def _data(membership: Membership) -> dict[str, Any]:
    user = membership.user
    return {
        "user": user.pk,
        "username": user.username,
        "person": user.display_name,
        "role": membership.role,
        "role_label": str(dict(Role.choices).get(membership.role, membership.role)),
        "organisation": membership.organisation_id,
        "organisation_name": str(membership.organisation),
    }


def record_role_change(
    *,
    action: AuditAction,
    actor: User | None,
    membership: Membership,
    now: datetime | None = None,
) -> None:
    record_event(
        action=action,
        actor=actor,
        now=now or timezone.now(),
        organisation=membership.organisation,
        data=_data(membership),
    )


def _actor(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, get_user_model()) and user.is_authenticated else None


def _before(membership: Membership) -> Membership | None:
    if membership.pk is None:
        return None
    return (
        Membership.objects.select_related("user", "organisation").filter(pk=membership.pk).first()
    )


def save_membership(request: HttpRequest, membership: Membership) -> None:
    """Save one membership from the admin with its grant/revoke events."""
    actor = _actor(request)
    with transaction.atomic():
        before = _before(membership)
        membership.save()
        if before is not None and (
            before.role == membership.role
            and before.organisation_id == membership.organisation_id
            and before.user_id == membership.user_id
        ):
            return
        if before is not None:
            record_role_change(action=AuditAction.ROLE_REVOKED, actor=actor, membership=before)
        record_role_change(action=AuditAction.ROLE_GRANTED, actor=actor, membership=membership)


def delete_membership(request: HttpRequest, membership: Membership) -> None:
    with transaction.atomic():
        record_role_change(
            action=AuditAction.ROLE_REVOKED, actor=_actor(request), membership=membership
        )
        membership.delete()


class AuditedMembershipInlineMixin:
    """For a ModelAdmin with a ``Membership`` inline: grants and revokes are audited."""

    def save_formset(
        self,
        request: HttpRequest,
        form: ModelForm[Any],
        formset: BaseInlineFormSet[Any, Any, Any],
        change: bool,
    ) -> None:
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)  # type: ignore[misc]
            return
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            delete_membership(request, obj)
        for obj in instances:
            save_membership(request, obj)
        formset.save_m2m()


class AuditedMembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # Membership admin
    """``MembershipAdmin``'s saves and deletes, audited as role grants and revokes."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        save_membership(request, obj)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        delete_membership(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset.select_related("user", "organisation"):
            delete_membership(request, obj)
