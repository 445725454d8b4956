"""Test helpers for two-factor sign-in: a known authenticator per persona, current codes."""

from __future__ import annotations

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tuntas.accounts import two_factor
from tuntas.accounts.models import User

# RFC 6238's test key (hex): every persona's test authenticator.
TEST_KEY = "3132333435363738393031323334353637383930"


def ensure_device(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", key=TEST_KEY, confirmed=True)
    return device


def current_code(user: User) -> str:
    """The persona's code now. A code is accepted once per 30-second step; tests that sign
    the same persona in twice forget the last one used."""
    device = ensure_device(user)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}"


def needs_code(user: User) -> bool:
    return two_factor.needs_second_factor(user)


def verify_session(client: Client, user: User) -> None:
    """Mark a (force-logged-in) test client's session as having passed the second factor."""
    device = ensure_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
