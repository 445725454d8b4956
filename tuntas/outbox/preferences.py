"""Per-person channel preferences: read them (in bulk for the Composer), change them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import Visibility
from tuntas.audit.services import record_event
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.outbox.channels import is_enabled
from tuntas.outbox.models import DeliveryChannel, NotificationPreference
from tuntas.outbox.phones import normalise_phone

FIELDS = ("email", "whatsapp", "sms", "daily_digest")


def default_preference(user: User) -> NotificationPreference:
    """The unsaved defaults of a person who never changed anything."""
    return NotificationPreference(user=user, updated_at=timezone.now())


def preference_of(user: User) -> NotificationPreference:
    found = NotificationPreference.objects.filter(user=user).first()
    return found if found is not None else default_preference(user)


def preferences_for(user_ids: Iterable[int]) -> dict[int, NotificationPreference]:
    """Stored preferences of many people in one query (none when ``user_ids`` is empty);
    a person missing from the result has the defaults."""
    ids = set(user_ids)
    if not ids:
        return {}
    return {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=ids)}


@dataclass(frozen=True)
class ChannelAvailability:
    """What this deployment and this person's account make possible."""

    email_address: str
    phone: str  # the normalised mobile number, or ''
    whatsapp_configured: bool
    sms_configured: bool

    @property
    def email(self) -> bool:
        return bool(self.email_address)

    @property
    def whatsapp(self) -> bool:
        return self.whatsapp_configured and bool(self.phone)

    @property
    def sms(self) -> bool:
        return self.sms_configured and bool(self.phone)


def availability_for(user: User) -> ChannelAvailability:
    return ChannelAvailability(
        email_address=user.email.strip(),
        phone=normalise_phone(user.phone) or "",
        whatsapp_configured=is_enabled(DeliveryChannel.WHATSAPP),
        sms_configured=is_enabled(DeliveryChannel.SMS),
    )


def _refusals(
    before: NotificationPreference, wanted: dict[str, bool], can: ChannelAvailability
) -> dict[str, list[str]]:
    """Channels switched on that cannot work. A channel already on may stay on (the
    person may fix their phone number later); only switching one on is refused."""
    errors: dict[str, list[str]] = {}

    def switched_on(name: str) -> bool:
        return wanted[name] and not getattr(before, name)

    if switched_on("email") and not can.email:
        errors["email"] = [_("Akun Anda belum memiliki alamat e-mail.")]
    for name, configured, label in (
        ("whatsapp", can.whatsapp_configured, "WhatsApp"),
        ("sms", can.sms_configured, "SMS"),
    ):
        if not switched_on(name):
            continue
        if not configured:
            errors[name] = [
                _("Notifikasi %(channel)s belum tersedia di layanan ini.") % {"channel": label}
            ]
        elif not can.phone:
            errors[name] = [
                _(
                    "Nomor telepon di akun Anda kosong atau bukan nomor seluler Indonesia "
                    "yang sah, sehingga %(channel)s tidak dapat diaktifkan."
                )
                % {"channel": label}
            ]
    return errors


@transaction.atomic
def update_notification_preferences(
    user: User,
    *,
    actor: User,
    email: bool,
    whatsapp: bool,
    sms: bool,
    daily_digest: bool,
    now: datetime | None = None,
) -> NotificationPreference:
    """Change ``user``'s channels. Only the person themself (or a superuser) may; a
    channel that cannot reach them is refused and nothing is changed."""
    now = now or timezone.now()
    if actor.pk != user.pk and not actor.is_superuser:
        raise PermissionDenied(_("Anda hanya dapat mengubah pilihan notifikasi Anda sendiri."))
    pref, _created = NotificationPreference.objects.get_or_create(
        user=user, defaults={"updated_at": now}
    )
    pref = NotificationPreference.objects.select_for_update().get(pk=pref.pk)
    wanted = {"email": email, "whatsapp": whatsapp, "sms": sms, "daily_digest": daily_digest}
    errors = _refusals(pref, wanted, availability_for(user))
    if errors:
        raise ValidationFailed(errors)
    changes = {
        name: [getattr(pref, name), value]
        for name, value in wanted.items()
        if getattr(pref, name) != value
    }
    if not changes:
        return pref
    for name, value in wanted.items():
        setattr(pref, name, value)
    pref.updated_at = now
    pref.save()
    record_event(
        action=AuditAction.NOTIFICATION_PREFERENCES_CHANGED,
        actor=actor,
        now=now,
        visibility=Visibility.STAFF,
        data={"user": user.pk, "changes": changes},
    )
    return pref
