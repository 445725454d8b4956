from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("akun/", include("tuntas.accounts.urls")),
    path("petugas/", include("tuntas.staff.urls")),
    path("api/", include("tuntas.api.urls")),
    path("", include("tuntas.citizen.urls")),
]
