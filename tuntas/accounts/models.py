"""People who sign in: citizens and staff alike."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    full_name = models.CharField(_("nama lengkap"), max_length=200, blank=True)
    phone = models.CharField(_("nomor telepon"), max_length=32, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class ApiToken(models.Model):
    """A token an API client signs in with (``Authorization: Token <key>``).

    Only a SHA-256 hash of the key is stored (keys are 256 random bits, so a fast hash is
    enough); the key is shown once, when it is issued. Every sign-in issues a new token;
    each expires (``TUNTAS_API_TOKEN_DAYS``) and can be listed and revoked by its owner.
    """

    user = models.ForeignKey(
        User, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nama perangkat atau aplikasi"), max_length=120, blank=True)
    prefix = models.CharField(_("awalan"), max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("dibuat"))
    created_address = models.GenericIPAddressField(_("alamat IP saat dibuat"), null=True)
    expires_at = models.DateTimeField(_("berlaku sampai"))
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"

    def is_active_at(self, now: datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now
