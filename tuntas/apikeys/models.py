"""API keys for integrating applications, and the log of every request made with one."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a key may be used for (a key holds one or more)."""

    OPEN311_SUBMIT = "open311.submit", _("Open311: kirim laporan (POST requests)")
    REPORTS_READ = "reports.read", _("Baca laporan")
    REPORTS_SUBMIT = "reports.submit", _("Kirim laporan")
    FEDERATION = "federation", _("Federasi: teruskan laporan dan kirim status balik")
    WEBHOOKS_MANAGE = "webhooks.manage", _("Kelola webhook")


# The organisations a key may belong to.
KEY_ORGANISATION_KINDS = ("national", "pemda", "agency")


def default_rate_limit() -> int:
    return int(settings.TUNTAS_API_KEY_RATE_LIMIT)


class ApiKey(models.Model):
    """A secret an application sends to act as its own user, within its scopes.

    Only a SHA-256 hash of the secret is stored; the secret is shown once, when the key
    is issued. ``prefix`` is public (shown in lists and in the secret itself) and finds
    the row; the hash is then compared in constant time.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisasi"),
        on_delete=models.PROTECT,
        related_name="api_keys",
    )
    name = models.CharField(_("nama aplikasi"), max_length=120)
    prefix = models.CharField(_("awalan"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(_("cakupan"), default=list)
    rate_limit_per_minute = models.PositiveIntegerField(
        _("batas permintaan per menit"), default=default_rate_limit
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna aplikasi"),
        on_delete=models.PROTECT,
        related_name="api_key",
    )
    created_at = models.DateTimeField(_("dibuat"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("berlaku sampai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicabut oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoke_reason = models.TextField(_("alasan pencabutan"), blank=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)

    class Meta:
        verbose_name = _("kunci API")
        verbose_name_plural = _("kunci API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    def is_active_at(self, now: datetime) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now

    def scope_labels(self) -> list[str]:
        labels = dict(Scope.choices)
        return [str(labels.get(s, s)) for s in self.scopes or []]


class ApiKeyUse(models.Model):
    """One request made with a key (append-only: nothing updates or deletes these)."""

    key = models.ForeignKey(
        ApiKey, verbose_name=_("kunci API"), on_delete=models.CASCADE, related_name="uses"
    )
    at = models.DateTimeField(_("waktu"))
    method = models.CharField(_("metode"), max_length=8)
    path = models.CharField(_("alamat"), max_length=300)
    status_code = models.PositiveSmallIntegerField(_("kode status"))
    remote_addr = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("pemakaian kunci API")
        verbose_name_plural = _("pemakaian kunci API")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["key", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.method} {self.path} {self.status_code}"
