"""Two-factor sign-in: TOTP (an authenticator app) with single-use recovery codes.

Built on django-otp: a ``TOTPDevice`` per person (one authenticator app) and a
``StaticDevice`` holding ten recovery codes. The codes are kept as keyed hashes (an HMAC
of the server's secret key, cut to the 16 characters django-otp's ``StaticToken``
column holds), never as they were shown.

Who must use it: ``TUNTAS_2FA_REQUIRED_ROLES`` (default ``superuser``, ``national_admin``,
``coordinator``); anyone else may switch it on. Once someone has a confirmed device,
every sign-in asks for a code. The embedded demo may relax the requirement
(``TUNTAS_2FA_DEMO_RELAXED``, refused outside debug).
"""

from __future__ import annotations

import base64
import re
import secrets
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tuntas.accounts.messages import AccountMessage, send_account_message
from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.services import record_event
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.organisations.authority import memberships_of

RECOVERY_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery"
_TOTP_RE = re.compile(r"^\d{6}$")
_RECOVERY_RE = re.compile(r"^[a-z2-7]{10}$")


# ---------------------------------------------------------------- policy


def roles_of(user: User) -> set[str]:
    roles = {str(m.role) for m in memberships_of(user)}
    if user.is_superuser:
        roles.add("superuser")
    return roles


def required_for(user: User) -> bool:
    """Whether ``user``'s roles oblige them to sign in with a second factor."""
    if settings.TUNTAS_2FA_DEMO_RELAXED:
        return False
    return bool(roles_of(user) & set(settings.TUNTAS_2FA_REQUIRED_ROLES))


def relaxed_for(user: User) -> bool:
    """The demo relaxed a requirement that would hold in production (shown as a banner)."""
    if not settings.TUNTAS_2FA_DEMO_RELAXED:
        return False
    return bool(roles_of(user) & set(settings.TUNTAS_2FA_REQUIRED_ROLES))


def has_device(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def needs_second_factor(user: User) -> bool:
    """Whether signing in must pass the second-factor step (a code, or setting one up)."""
    return has_device(user) or required_for(user)


def is_verified(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    check = getattr(user, "is_verified", None)
    return bool(callable(check) and check())


def session_satisfies_policy(request: HttpRequest) -> bool:
    """A signed-in session may act: verified, or its person needs no second factor."""
    user = request.user
    if not user.is_authenticated or is_verified(request):
        return True
    assert isinstance(user, User)
    return not needs_second_factor(user)


def recovery_codes_left(user: User) -> int:
    return int(
        StaticToken.objects.filter(
            device__user=user, device__name=RECOVERY_DEVICE_NAME, device__confirmed=True
        ).count()
    )


# ---------------------------------------------------------------- codes


def _stored_form(code: str, secret: str) -> str:
    return salted_hmac("tuntas.recovery-code", code, secret=secret).hexdigest()[:16]


def _secrets() -> list[str]:
    return [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]


def normalise_code(raw: str) -> str:
    return re.sub(r"[\s-]", "", raw or "").lower()


def format_recovery_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def _new_recovery_code() -> str:
    return base64.b32encode(secrets.token_bytes(10)).decode()[:10].lower()


def _replace_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=_stored_form(code, settings.SECRET_KEY)) for code in codes
    )
    return [format_recovery_code(c) for c in codes]


def verify_code(user: User, raw: str) -> tuple[TOTPDevice | StaticDevice | None, str]:
    """The device that accepts ``raw`` (a 6-digit app code or a recovery code) and the
    kind (``totp``/``recovery_code``); ``(None, "")`` if none does. A recovery code is
    used up. django-otp throttles each device after failures (doubling delays) and never
    accepts one app code twice."""
    code = normalise_code(raw)
    with transaction.atomic():
        if _TOTP_RE.match(code):
            for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
                if device.verify_token(code):
                    return device, "totp"
            return None, ""
        if _RECOVERY_RE.match(code):
            for static in StaticDevice.objects.select_for_update().filter(
                user=user, confirmed=True
            ):
                for secret in _secrets():
                    if static.verify_token(_stored_form(code, secret)):
                        return static, "recovery_code"
    return None, ""


def mark_verified(request: HttpRequest, device: TOTPDevice | StaticDevice) -> None:
    """Record in the session that its (signed-in) person passed the second factor."""
    otp_login(request, device)


# ---------------------------------------------------------------- writes


@transaction.atomic
def begin_setup(user: User) -> TOTPDevice:
    """A fresh, unconfirmed authenticator for ``user`` (any earlier unconfirmed one goes)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device: TOTPDevice = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def confirm_setup(
    *, actor: User, device_id: int, code: str, now: datetime | None = None
) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app with its first code; returns the device and new recovery codes.

    Any earlier authenticator of the person is replaced (one app at a time)."""
    now = now or timezone.now()
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(pk=device_id, user=actor, confirmed=False)
        .first()
    )
    if device is None:
        raise ValidationFailed(
            {"code": [_("Pemasangan kedaluwarsa. Muat ulang halaman dan pindai kode QR baru.")]}
        )
    if not _TOTP_RE.match(normalise_code(code)) or not device.verify_token(normalise_code(code)):
        raise ValidationFailed(
            {"code": [_("Kode salah. Masukkan 6 angka yang tampil di aplikasi sekarang.")]}
        )
    TOTPDevice.objects.filter(user=actor, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(actor)
    record_event(
        action=AuditAction.TWO_FACTOR_ENABLED,
        actor=actor,
        now=now,
        data={"user": actor.pk, "recovery_codes": len(codes)},
    )
    _tell(actor, now=now, enabled=True)
    return device, codes


@transaction.atomic
def regenerate_recovery_codes(*, actor: User, now: datetime | None = None) -> list[str]:
    """New recovery codes (the old ones stop working); needs a confirmed authenticator."""
    now = now or timezone.now()
    if not has_device(actor):
        raise PermissionDenied(
            _("Aktifkan verifikasi dua langkah terlebih dahulu."), code="two_factor_off"
        )
    codes = _replace_recovery_codes(actor)
    record_event(
        action=AuditAction.RECOVERY_CODES_REGENERATED,
        actor=actor,
        now=now,
        data={"user": actor.pk, "recovery_codes": len(codes)},
    )
    return codes


@transaction.atomic
def disable_two_factor(*, actor: User, code: str, now: datetime | None = None) -> None:
    """Switch it off (only for whom it is optional), proven with a current code."""
    now = now or timezone.now()
    if required_for(actor):
        raise PermissionDenied(
            _("Peran Anda mewajibkan verifikasi dua langkah; tidak dapat dimatikan."),
            code="two_factor_required",
        )
    device, _kind = verify_code(actor, code)
    if device is None:
        raise ValidationFailed({"code": [_("Kode salah.")]})
    remove_devices(actor)
    record_event(
        action=AuditAction.TWO_FACTOR_DISABLED,
        actor=actor,
        now=now,
        data={"user": actor.pk},
    )
    _tell(actor, now=now, enabled=False)


def _tell(user: User, *, now: datetime, enabled: bool) -> None:
    """A notice to the person (in the app and by e-mail): if someone else set up an app
    with a stolen password, the owner hears of it at once."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("Verifikasi dua langkah diaktifkan")
            if enabled
            else _("Verifikasi dua langkah dimatikan")
        )
        body = _(
            "Perubahan ini dilakukan pada akun %(username)s. Jika bukan Anda, segera hubungi "
            "admin koordinator Anda agar akses akun diatur ulang."
        ) % {"username": user.username}
    send_account_message(
        AccountMessage(
            event="two_factor_changed",
            now=now,
            subject=str(subject),
            body=str(body),
            link=f"{settings.TUNTAS_SITE_URL}{reverse('accounts:security')}",
            users=[user],
        )
    )


def remove_devices(user: User) -> int:
    """Delete every device of ``user`` (the caller audits why)."""
    deleted = int(TOTPDevice.objects.filter(user=user).delete()[0])
    deleted += int(StaticDevice.objects.filter(user=user).delete()[0])
    return deleted


def totp_secret_text(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32 in groups of four."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))
