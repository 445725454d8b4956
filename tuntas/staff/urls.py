from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.staff.views import attachments, inbox, intake, integrations, report

app_name = "staff"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", inbox.home, name="home"),
    path("input/", intake.intake, name="intake"),
    path("input/selesai/", intake.intake_done, name="intake_done"),
    path("integrasi/", integrations.integrations, name="integrations"),
    path("laporan/<str:tracking_id>/", report.report_page, name="report"),
    path("laporan/<str:tracking_id>/aksi/<str:action>/", report.report_action, name="action"),
    path(
        "laporan/<str:tracking_id>/lampiran/<int:attachment_id>/",
        attachments.attachment,
        name="attachment",
    ),
]
