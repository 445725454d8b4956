"""Writes that belong to accounts: citizen self-registration and notification reads."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import Visibility
from tuntas.audit.services import record_event
from tuntas.core.errors import ValidationFailed


@transaction.atomic
def register_citizen(
    *,
    username: str,
    full_name: str,
    email: str,
    phone: str,
    password: str,
    now: datetime | None = None,
) -> User:
    """Create a citizen account (no memberships) and record it in the audit trail.

    The caller validates the input (format, password strength); uniqueness is
    checked again here, inside the transaction, so two concurrent sign-ups with
    one name cannot both succeed silently.
    """
    now = now or timezone.now()
    username = username.strip()
    email = email.strip()
    errors: dict[str, list[str]] = {}
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("Nama pengguna ini sudah dipakai.")]
    if email and User.objects.filter(email__iexact=email).exists():
        errors["email"] = [_("E-mail ini sudah terdaftar. Silakan masuk.")]
    if errors:
        raise ValidationFailed(errors)
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=username,
                email=email,
                password=password,
                full_name=full_name.strip(),
                phone=phone.strip(),
            )
    except IntegrityError as exc:  # a concurrent sign-up took the name first
        raise ValidationFailed({"username": [_("Nama pengguna ini sudah dipakai.")]}) from exc
    record_event(
        action=AuditAction.REGISTER,
        actor=user,
        now=now,
        visibility=Visibility.STAFF,
        data={"user": user.pk, "username": user.username},
    )
    return user


def mark_notifications_read(user: User, now: datetime | None = None) -> int:
    """Mark every unread notification of ``user`` read; returns how many changed."""
    now = now or timezone.now()
    return user.notifications.filter(read_at__isnull=True).update(read_at=now)


@transaction.atomic
def issue_api_token(user: User, now: datetime | None = None) -> str:
    """The user's API token (created on first sign-in); the sign-in is audited."""
    from rest_framework.authtoken.models import Token

    token, created = Token.objects.get_or_create(user=user)
    record_event(
        action=AuditAction.API_TOKEN_ISSUED if created else AuditAction.API_SIGN_IN,
        actor=user,
        now=now or timezone.now(),
    )
    return str(token.key)


@transaction.atomic
def revoke_api_token(user: User, now: datetime | None = None) -> None:
    from rest_framework.authtoken.models import Token

    deleted, _rows = Token.objects.filter(user=user).delete()
    if deleted:
        record_event(action=AuditAction.API_TOKEN_REVOKED, actor=user, now=now or timezone.now())
