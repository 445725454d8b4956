"""Writes that belong to accounts: citizen self-registration and notification reads.

API tokens live in ``tokens``, two-factor devices in ``two_factor``, passwords and
staff access resets in ``passwords``."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tuntas.accounts.messages import AccountMessage, send_account_message
from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import Visibility
from tuntas.audit.services import record_event
from tuntas.core.errors import ValidationFailed

USERNAME_TAKEN = gettext_lazy("Nama pengguna ini tidak tersedia. Pilih nama lain.")


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

    The caller validates the input (format, password strength). The answer never tells
    whether an e-mail address is registered: when it is, the new account is made without
    it and the address's owner gets a notice (someone tried to register with it); a new
    address gets a welcome message. Either way the person registering sees the same
    page. A username is a public handle and a taken one is refused (registration is
    throttled per address, so names cannot be listed quickly).
    """
    now = now or timezone.now()
    username = username.strip()
    email = email.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed({"username": [str(USERNAME_TAKEN)]})
    owner = User.objects.filter(email__iexact=email).first() if email else None
    email_taken = owner is not None
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                username=username,
                email="" if email_taken else email,
                password=password,
                full_name=full_name.strip(),
                phone=phone.strip(),
            )
    except IntegrityError as exc:  # a concurrent sign-up took the name first
        raise ValidationFailed({"username": [str(USERNAME_TAKEN)]}) from exc
    record_event(
        action=AuditAction.REGISTER,
        actor=user,
        now=now,
        visibility=Visibility.STAFF,
        data={"user": user.pk, "username": user.username, "email_kept": not email_taken},
    )
    if email:
        address = owner.email if owner is not None else email
        _registration_mail(address, taken=email_taken, username=user.username, now=now)
    return user


def _registration_mail(email: str, *, taken: bool, username: str, now: datetime) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        if taken:
            subject = _("Percobaan pendaftaran dengan e-mail Anda")
            body = _(
                "Seseorang mendaftarkan akun baru di Tuntas dengan alamat e-mail ini. Akun "
                "Anda yang sudah ada tidak berubah dan alamat ini tidak ditambahkan ke akun "
                "baru itu. Jika itu Anda dan Anda lupa kata sandi, atur ulang kata sandi "
                "lewat tautan di bawah."
            )
            link = reverse("accounts:password_reset")
        else:
            subject = _("Selamat datang di Tuntas")
            body = _(
                "Akun Anda dengan nama pengguna %(username)s sudah dibuat. Jika Anda tidak "
                "mendaftar, abaikan e-mail ini."
            ) % {"username": username}
            link = reverse("accounts:login")
    send_account_message(
        AccountMessage(
            event="account_registration",
            now=now,
            subject=str(subject),
            body=str(body),
            link=f"{settings.TUNTAS_SITE_URL}{link}",
            emails=[email],
        )
    )


def mark_notifications_read(user: User, now: datetime | None = None) -> int:
    """Mark every unread notification of ``user`` read; returns how many changed."""
    now = now or timezone.now()
    return user.notifications.filter(read_at__isnull=True).update(read_at=now)
