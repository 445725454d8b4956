"""/api/oversight/: quarterly reports with their sign-off chain, and the daily recap."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.oversight import api

app_name = "oversight_api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("quarterly/", api.QuarterlyReportsApi.as_view(), name="quarterly_list"),
    path("quarterly/<int:pk>/", api.QuarterlyReportApi.as_view(), name="quarterly_detail"),
    path(
        "quarterly/<int:pk>/moves/<str:move>/",
        api.QuarterlyMoveApi.as_view(),
        name="quarterly_move",
    ),
    path("daily-recap/", api.DailyRecapApi.as_view(), name="daily_recap"),
]
