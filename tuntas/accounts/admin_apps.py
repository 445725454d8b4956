"""The Django admin, configured to use Tuntas's admin site (``admin_site.TuntasAdminSite``),
and the second-factor apps of django-otp under Indonesian names in it."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpConfig


class TuntasAdminConfig(AdminConfig):
    default_site = "tuntas.accounts.admin_site.TuntasAdminSite"


class TuntasTotpConfig(TotpConfig):  # type: ignore[misc]  # django-otp ships no types
    verbose_name = _("Verifikasi dua langkah: aplikasi autentikator")


class TuntasStaticConfig(StaticConfig):  # type: ignore[misc]  # django-otp ships no types
    verbose_name = _("Verifikasi dua langkah: kode cadangan")
