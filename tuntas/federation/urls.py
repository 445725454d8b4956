"""/petugas/federasi/: the federation staff pages."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.federation import views

app_name = "federation"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("instansi/baru/", views.peer_create, name="peer_create"),
    path("instansi/baru/selesai/", views.peer_created, name="peer_created"),
    path("instansi/<int:pk>/", views.peer_edit, name="peer_edit"),
    path("teruskan/<str:tracking_id>/", views.forward, name="forward"),
]
