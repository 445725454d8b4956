"""People who sign in: citizens and staff alike."""

from __future__ import annotations

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
