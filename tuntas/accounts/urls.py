from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.accounts import password_views, two_factor_views, views

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
    # Two-factor sign-in and the account's security page
    path("dua-langkah/verifikasi/", two_factor_views.verify, name="two_factor_verify"),
    path("dua-langkah/pasang/", two_factor_views.setup, name="two_factor_setup"),
    path(
        "dua-langkah/kode-pemulihan/",
        two_factor_views.regenerate_codes,
        name="recovery_codes_regenerate",
    ),
    path("dua-langkah/matikan/", two_factor_views.disable, name="two_factor_disable"),
    path("keamanan/", two_factor_views.security, name="security"),
    path("token/<int:token_id>/cabut/", two_factor_views.revoke_token, name="token_revoke"),
    # Passwords
    path("kata-sandi/", password_views.change, name="password_change"),
    path("lupa-sandi/", password_views.forgot, name="password_reset"),
    path("lupa-sandi/terkirim/", password_views.forgot_done, name="password_reset_done"),
    path(
        "atur-sandi/<uidb64>/<token>/",
        password_views.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("atur-sandi/selesai/", password_views.reset_complete, name="password_reset_complete"),
    # A coordinator (or the national admin) resetting a staff member's access
    path("petugas/", password_views.staff_access, name="staff_access"),
    path(
        "petugas/<int:user_id>/atur-ulang/",
        password_views.staff_access_reset,
        name="staff_access_reset",
    ),
]
