"""/api/federation/: the machine API peers call, and two staff endpoints."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from tuntas.federation import api

app_name = "federation_api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("reports/", api.ReceiveReportApi.as_view(), name="receive-report"),
    path(
        "reports/<str:tracking_id>/events/",
        api.ReceiveEventsApi.as_view(),
        name="receive-events",
    ),
    path(
        "reports/<str:tracking_id>/timeline/",
        api.PeerTimelineApi.as_view(),
        name="peer-timeline",
    ),
    path(
        "staff/reports/<str:tracking_id>/timeline/",
        api.StaffTimelineApi.as_view(),
        name="staff-timeline",
    ),
    path(
        "staff/reports/<str:tracking_id>/forward/",
        api.ForwardApi.as_view(),
        name="staff-forward",
    ),
]
