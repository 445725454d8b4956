from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from tuntas.accounts.models import User
from tuntas.core.errors import ApplicationError
from tuntas.outbox.dead_letters import retry_dead_messages
from tuntas.outbox.models import NotificationPreference, OutboxMessage, OutboxState


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin[OutboxMessage]):
    """Read-only; the one write is the retry action, through the same service as the
    staff page (it checks the admin's scope and writes the audit event)."""

    list_display = ["created_at", "channel", "event", "address", "recipient", "state", "attempts"]
    list_filter = ["state", "channel", "event"]
    search_fields = ["address", "subject", "idempotency_key"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["retry_messages"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description=gettext_lazy("Kirim ulang pesan terpilih yang gagal"))
    def retry_messages(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        user = request.user
        assert isinstance(user, User)
        problems = Q(state=OutboxState.DEAD) | Q(state=OutboxState.PENDING, attempts__gt=0)
        ids = list(queryset.filter(problems).values_list("pk", flat=True))
        try:
            count = retry_dead_messages(ids, actor=user)
        except ApplicationError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        self.message_user(
            request,
            ngettext(
                "%(n)s pesan dijadwalkan untuk dikirim ulang.",
                "%(n)s pesan dijadwalkan untuk dikirim ulang.",
                count,
            )
            % {"n": count},
            messages.SUCCESS,
        )
        skipped = queryset.count() - len(ids)
        if skipped:
            self.message_user(
                request,
                _("Pesan yang sudah terkirim atau belum pernah dicoba dilewati."),
                messages.WARNING,
            )


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin[NotificationPreference]):
    """Read-only: people change their own preferences on their notification page."""

    list_display = ["user", "email", "whatsapp", "sms", "daily_digest", "updated_at"]
    list_filter = ["email", "whatsapp", "sms", "daily_digest"]
    search_fields = ["user__username", "user__full_name"]
    readonly_fields = [f.name for f in NotificationPreference._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
