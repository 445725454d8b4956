from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("tuntas.outbox.urls")),  # preferences, failed messages, its API
    path("akun/", include("tuntas.accounts.urls")),
    path("petugas/pesan-masuk/", include("tuntas.inbound.urls")),
    path("petugas/", include("tuntas.staff.urls")),
    path("webhook/", include("tuntas.inbound.webhook_urls")),
    path("api/", include("tuntas.api.urls")),
    path("", include("tuntas.citizen.urls")),
]
