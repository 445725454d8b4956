"""The Django admin, configured to use Tuntas's admin site (``admin_site.TuntasAdminSite``)."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class TuntasAdminConfig(AdminConfig):
    default_site = "tuntas.accounts.admin_site.TuntasAdminSite"
