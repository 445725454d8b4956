from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from tuntas.core.icons import favicon

urlpatterns = [
    path("favicon.ico", favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("tuntas.notifications.urls")),  # preferences, failed messages, its API
    path("", include("tuntas.privacy.urls")),  # the reporter's data: download, erasure
    path("akun/", include("tuntas.accounts.urls")),
    path("petugas/pesan-masuk/", include("tuntas.inbound.urls")),
    path("petugas/kunci-api/", include("tuntas.apikeys.urls")),
    path("petugas/webhook/", include("tuntas.webhooks.urls")),
    path("petugas/federasi/", include("tuntas.federation.urls")),
    path("petugas/kinerja/", include("tuntas.kpi.urls")),
    path("petugas/pengawasan/", include("tuntas.oversight.urls")),
    path("petugas/ekspor/", include("tuntas.exports.urls")),
    path("petugas/", include("tuntas.staff.urls")),
    path("statistik/", include("tuntas.kpi.public_urls")),
    path("open311/", include("tuntas.open311.urls")),
    path("webhook/", include("tuntas.inbound.webhook_urls")),
    path("api/keys/", include("tuntas.apikeys.api_urls")),
    path("api/webhooks/", include("tuntas.webhooks.api_urls")),
    path("api/federation/", include("tuntas.federation.api_urls")),
    path("api/kpi/", include("tuntas.kpi.api_urls")),
    path("api/oversight/", include("tuntas.oversight.api_urls")),
    path("api/", include("tuntas.api.urls")),
    path("", include("tuntas.citizen.urls")),
]

handler400 = "tuntas.core.errorpages.bad_request"
