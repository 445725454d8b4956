"""Notification pages and API, mounted at the site root (paths below /akun/, /petugas/,
/api/); URL names in the ``outbox`` namespace, as they always were."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.notifications import api, views

app_name = "outbox"
urlpatterns: list[URLPattern | URLResolver] = [
    path("akun/notifikasi/pengaturan/", views.preferences, name="preferences"),
    path("petugas/pesan-gagal/", views.dead_letters, name="dead_letters"),
    path("petugas/pesan-gagal/kirim-ulang/", views.retry, name="retry"),
    path(
        "api/me/notification-preferences/",
        api.NotificationPreferencesApi.as_view(),
        name="api_preferences",
    ),
]
