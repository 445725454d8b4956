from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.citizen import privacy, views

app_name = "citizen"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("lapor/", views.submit, name="submit"),
    path("lapor/terkirim/", views.submitted, name="submitted"),
    path("lacak/", views.track, name="track"),
    path("laporan/<str:tracking_id>/", views.report_detail, name="report"),
    path("laporan/<str:tracking_id>/lengkapi/", views.complete, name="complete"),
    path("laporan/<str:tracking_id>/klarifikasi/", views.clarify, name="clarify"),
    path("laporan/<str:tracking_id>/tanggapan/", views.reply, name="reply"),
    path("laporan/<str:tracking_id>/privasi/", privacy.decide_on_page, name="privacy"),
    path("tautan/<str:token>/", privacy.privacy_link, name="link"),
    path(
        "laporan/<str:tracking_id>/lampiran/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path("laporan-publik/", views.public_list, name="public_list"),
    path("laporan-publik/<str:tracking_id>/", views.public_detail, name="public_detail"),
    path("laporan-saya/", views.my_reports, name="my_reports"),
]
