from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.oversight.views import evaluation, home, quarterly, recap

app_name = "oversight"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.home, name="home"),
    path("rekap-harian/", recap.recap, name="recap"),
    path("rekap-harian/ekspor/<str:fmt>/", recap.recap_export, name="recap_export"),
    path("triwulan/", quarterly.quarterly_list, name="quarterly_list"),
    path("triwulan/<int:pk>/", quarterly.quarterly_detail, name="quarterly_detail"),
    path(
        "triwulan/<int:pk>/susun-ulang/", quarterly.quarterly_recompile, name="quarterly_recompile"
    ),
    path("triwulan/<int:pk>/aksi/<str:move>/", quarterly.quarterly_action, name="quarterly_action"),
    path(
        "triwulan/<int:pk>/ekspor/<str:fmt>/", quarterly.quarterly_export, name="quarterly_export"
    ),
    path("monev/", evaluation.evaluation_list, name="evaluation_list"),
    path("monev/baru/", evaluation.evaluation_create, name="evaluation_create"),
    path("monev/<int:pk>/", evaluation.evaluation_detail, name="evaluation_detail"),
    path("monev/<int:pk>/ubah/", evaluation.evaluation_edit, name="evaluation_edit"),
    path("monev/<int:pk>/aksi/<str:move>/", evaluation.evaluation_action, name="evaluation_action"),
    path(
        "monev/<int:pk>/lampiran/<int:attachment_id>/",
        evaluation.evaluation_attachment,
        name="evaluation_attachment",
    ),
]
