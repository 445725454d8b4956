from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.apikeys import views

app_name = "apikeys"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.key_list, name="list"),
    path("baru/", views.key_create, name="create"),
    path("baru/selesai/", views.key_created, name="created"),
    path("<int:key_id>/", views.key_detail, name="detail"),
    path("<int:key_id>/cabut/", views.key_revoke, name="revoke"),
]
