"""The reporter's data pages and API, mounted at the site root (paths below /akun/,
/laporan/, /petugas/ and /api/), before the API's catch-all."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.privacy import api, views

app_name = "privacy"
REPORT = "laporan/<str:tracking_id>/data-saya/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("privasi/", views.privacy_notice, name="privacy_notice"),
    path("akun/data-saya/", views.my_data, name="my_data"),
    path("akun/data-saya/unduh/", views.my_data_download, name="my_data_download"),
    path("akun/data-saya/hapus/", views.my_data_erase, name="my_data_erase"),
    path("akun/data-saya/hapus/batal/", views.my_data_cancel, name="my_data_cancel"),
    path(REPORT, views.report_data, name="report_data"),
    path(f"{REPORT}unduh/", views.report_data_download, name="report_data_download"),
    path(f"{REPORT}hapus/", views.report_data_erase, name="report_data_erase"),
    path(f"{REPORT}hapus/batal/", views.report_data_cancel, name="report_data_cancel"),
    path("petugas/penghapusan-data/", views.erasure_requests, name="erasure_requests"),
    path(
        "petugas/penghapusan-data/<str:request_id>/jalankan/",
        views.erasure_confirm,
        name="erasure_confirm",
    ),
    path("api/me/data/", api.MyDataApi.as_view(), name="api_my_data"),
    path("api/me/data/archive/", api.MyDataArchiveApi.as_view(), name="api_my_data_archive"),
    path("api/me/erasure/", api.MyErasureApi.as_view(), name="api_my_erasure"),
    path(
        "api/reports/<str:tracking_id>/data/", api.ReportDataApi.as_view(), name="api_report_data"
    ),
    path(
        "api/reports/<str:tracking_id>/erasure/",
        api.ReportErasureApi.as_view(),
        name="api_report_erasure",
    ),
]
