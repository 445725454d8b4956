"""Staff pages under /petugas/webhook/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.webhooks import views

app_name = "webhooks"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.subscription_list, name="list"),
    path("baru/", views.subscription_create, name="create"),
    path("<int:pk>/", views.subscription_detail, name="detail"),
    path("<int:pk>/kunci-baru/", views.rotate, name="rotate"),
    path("<int:pk>/uji/", views.ping, name="ping"),
    path("<int:pk>/hapus/", views.delete, name="delete"),
]
