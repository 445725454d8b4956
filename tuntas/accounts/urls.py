from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.accounts import views

app_name = "accounts"
urlpatterns: list[URLPattern | URLResolver] = [
    path("masuk/", views.TuntasLoginView.as_view(), name="login"),
    path("keluar/", views.TuntasLogoutView.as_view(), name="logout"),
    path("daftar/", views.register, name="register"),
    path("notifikasi/", views.notifications, name="notifications"),
    path(
        "notifikasi/tandai-dibaca/",
        views.notifications_mark_read,
        name="notifications_mark_read",
    ),
]
