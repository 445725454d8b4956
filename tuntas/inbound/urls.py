"""The review page, mounted under /petugas/pesan-masuk/."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.inbound.views import review

app_name = "inbound"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", review.review_list, name="review"),
    path("<int:pk>/jadikan-laporan/", review.make_report, name="make_report"),
    path("<int:pk>/abaikan/", review.dismiss, name="dismiss"),
]
