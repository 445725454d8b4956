"""Passwords: change, reset by e-mail, and a coordinator resetting a staff member's access.

Every write is audited. A new password (changed or reset) revokes the person's API
tokens; Django's session hash then ends their other sessions. Reset links are Django's
``default_token_generator`` tokens (valid for ``PASSWORD_RESET_TIMEOUT``, one hour, and
only until the password changes or the person signs in), sent through the outbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from tuntas.accounts import tokens, two_factor
from tuntas.accounts.messages import AccountMessage, send_account_message
from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.organisations.authority import administers_all, coordinated_pemda_ids
from tuntas.organisations.models import Membership, Role

# Roles whose access only the national admin (or a superuser) may reset.
PROTECTED_ROLES = frozenset({Role.NATIONAL_ADMIN, Role.COORDINATOR})


def reset_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.TUNTAS_SITE_URL}{path}"


def _send_reset_mail(user: User, *, now: datetime, by_admin: bool) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Atur ulang kata sandi Tuntas")
        if by_admin:
            body = _(
                "Admin mengatur ulang akses akun %(username)s. Buat kata sandi baru lewat "
                "tautan di bawah (berlaku satu jam); verifikasi dua langkah perlu dipasang "
                "ulang saat masuk."
            ) % {"username": user.username}
        else:
            body = _(
                "Ada permintaan mengatur ulang kata sandi akun %(username)s. Buat kata sandi "
                "baru lewat tautan di bawah (berlaku satu jam). Jika Anda tidak memintanya, "
                "abaikan e-mail ini: kata sandi Anda tidak berubah."
            ) % {"username": user.username}
    send_account_message(
        AccountMessage(
            event="password_reset",
            now=now,
            subject=str(subject),
            body=str(body),
            link=reset_link(user),
            emails=[user.email],
        )
    )


@transaction.atomic
def change_password(*, actor: User, new_password: str, now: datetime | None = None) -> None:
    """The signed-in person's new password (the form checked the old one and its strength)."""
    now = now or timezone.now()
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    revoked = tokens.revoke_all_api_tokens(actor, actor=actor, now=now, reason="password_changed")
    record_event(
        action=AuditAction.PASSWORD_CHANGED,
        actor=actor,
        now=now,
        data={"user": actor.pk, "api_tokens_revoked": revoked},
    )


@transaction.atomic
def request_password_reset(email: str, *, now: datetime | None = None) -> int:
    """Send a reset link to every active account with this e-mail (none: nothing, and the
    caller answers the same either way); returns how many were sent."""
    now = now or timezone.now()
    email = (email or "").strip()
    # Applications' users (API keys) never sign in with a password.
    users = list(
        User.objects.filter(email__iexact=email, is_active=True, api_key__isnull=True).exclude(
            email=""
        )
    )
    for user in users:
        _send_reset_mail(user, now=now, by_admin=False)
        record_event(
            action=AuditAction.PASSWORD_RESET_REQUESTED,
            actor=None,
            now=now,
            data={"user": user.pk, "username": user.username},
        )
    return len(users)


@transaction.atomic
def reset_password(*, user: User, new_password: str, now: datetime | None = None) -> None:
    """A new password through a valid reset link (the view checked the link)."""
    now = now or timezone.now()
    user.set_password(new_password)
    user.save(update_fields=["password"])
    revoked = tokens.revoke_all_api_tokens(user, actor=user, now=now, reason="password_reset")
    record_event(
        action=AuditAction.PASSWORD_RESET_DONE,
        actor=user,
        now=now,
        data={"user": user.pk, "api_tokens_revoked": revoked},
    )


# ---------------------------------------------------------------- staff access


def _in_pemdas(pemda_ids: list[int]) -> Q:
    return (
        Q(organisation_id__in=pemda_ids)
        | Q(organisation__parent_id__in=pemda_ids)
        | Q(organisation__parent__parent_id__in=pemda_ids)
        | Q(organisation__parent__parent__parent_id__in=pemda_ids)
    )


def staff_managed_by(actor: User) -> QuerySet[User]:
    """The staff whose access ``actor`` may reset (none for anyone but coordinators and
    national admins), by name."""
    base = User.objects.filter(is_active=True, is_superuser=False, memberships__isnull=False)
    if administers_all(actor):
        people = base
        if not actor.is_superuser:
            people = people.exclude(memberships__role=Role.NATIONAL_ADMIN)
    else:
        pemdas = coordinated_pemda_ids(actor)
        if not pemdas:
            return User.objects.none()
        outside = Membership.objects.exclude(_in_pemdas(pemdas)).values("user_id")
        people = (
            base.filter(memberships__in=Membership.objects.filter(_in_pemdas(pemdas)))
            .exclude(pk__in=outside)
            .exclude(memberships__role__in=PROTECTED_ROLES)
        )
    return people.exclude(pk=actor.pk).distinct().order_by("full_name", "username")


def may_reset_access(actor: User, target: User) -> bool:
    return staff_managed_by(actor).filter(pk=target.pk).exists()


@dataclass(frozen=True)
class AccessReset:
    """What became of a reset: the link was e-mailed, or (no e-mail) is shown once."""

    emailed_to: str
    link: str


@transaction.atomic
def reset_staff_access(
    *, actor: User, target: User, reason: str, now: datetime | None = None
) -> AccessReset:
    """A coordinator (in their Pemda) or the national admin resets a staff member's access:
    the password stops working, the authenticator and recovery codes are removed, API
    tokens are revoked and sessions end; the staff member sets a new password through a
    reset link (e-mailed, or shown to the actor once when there is no e-mail) and sets up
    two-factor sign-in again. Audited with the reason."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not may_reset_access(actor, target):
        raise PermissionDenied(
            _("Anda tidak berwenang mengatur ulang akses orang ini."), code="reset_forbidden"
        )
    if len(reason) < 5:
        raise ValidationFailed({"reason": [_("Tulis alasannya (minimal 5 karakter).")]})
    locked = User.objects.select_for_update().get(pk=target.pk)
    locked.set_unusable_password()
    locked.save(update_fields=["password"])
    devices = two_factor.remove_devices(locked)
    revoked = tokens.revoke_all_api_tokens(locked, actor=actor, now=now, reason="access_reset")
    # The token is made from the stored (unusable) password: it stops working once used.
    link = reset_link(locked)
    emailed_to = locked.email.strip()
    if emailed_to:
        _send_reset_mail(locked, now=now, by_admin=True)
    record_event(
        action=AuditAction.STAFF_ACCESS_RESET,
        actor=actor,
        now=now,
        reason=reason,
        data={
            "user": locked.pk,
            "username": locked.username,
            "devices_removed": devices,
            "api_tokens_revoked": revoked,
            "link": "emailed" if emailed_to else "shown_to_actor",
        },
    )
    return AccessReset(emailed_to=emailed_to, link="" if emailed_to else link)


def may_manage_any(actor: User) -> bool:
    """Whether ``actor`` has the staff-access page at all (coordinators, national admins)."""
    return administers_all(actor) or bool(coordinated_pemda_ids(actor))
