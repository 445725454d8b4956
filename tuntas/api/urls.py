"""The REST API under /api/ (see docs/api.md; the schema is at /api/schema/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, re_path
from drf_spectacular.views import SpectacularAPIView

from tuntas.api.views import attachments, auth, citizen, docs, public, reference, staff
from tuntas.api.views.base import unknown_path
from tuntas.api.views.staff_actions import ACTION_VIEWS

app_name = "api"

REPORT = "reports/<str:tracking_id>/"
STAFF_REPORT = "staff/reports/<str:tracking_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.swagger_view(url_name="api:schema"), name="docs"),
    path("redoc/", docs.redoc_view(url_name="api:schema"), name="redoc"),
    path("auth/token/", auth.TokenApi.as_view(), name="token"),
    path("auth/tokens/", auth.TokenListApi.as_view(), name="token-list"),
    path("auth/tokens/<int:token_id>/", auth.TokenDetailApi.as_view(), name="token-detail"),
    # Reference data
    path("pemda/", reference.PemdaListApi.as_view(), name="pemda-list"),
    path("agencies/", reference.AgencyListApi.as_view(), name="agency-list"),
    path("classifications/", reference.ClassificationListApi.as_view(), name="classification-list"),
    path("categories/", reference.CategoryListApi.as_view(), name="category-list"),
    path("channels/", reference.ChannelListApi.as_view(), name="channel-list"),
    path("regions/", reference.RegionListApi.as_view(), name="region-list"),
    # Citizens
    path("reports/", citizen.ReportSubmitApi.as_view(), name="report-submit"),
    path("reports/mine/", citizen.MyReportsApi.as_view(), name="report-mine"),
    path(REPORT, citizen.ReportDetailApi.as_view(), name="report-detail"),
    path(f"{REPORT}complete/", citizen.CompleteApi.as_view(), name="report-complete"),
    path(f"{REPORT}clarify/", citizen.ClarifyApi.as_view(), name="report-clarify"),
    path(f"{REPORT}reply/", citizen.ReplyApi.as_view(), name="report-reply"),
    path(
        f"{REPORT}attachments/<int:attachment_id>/",
        attachments.AttachmentDownloadApi.as_view(),
        name="report-attachment",
    ),
    # The public
    path("public/reports/", public.PublicReportListApi.as_view(), name="public-report-list"),
    path(
        "public/reports/<str:tracking_id>/",
        public.PublicReportDetailApi.as_view(),
        name="public-report-detail",
    ),
    # Staff
    path("staff/reports/", staff.StaffReportsApi.as_view(), name="staff-report-list"),
    path(STAFF_REPORT, staff.StaffReportDetailApi.as_view(), name="staff-report-detail"),
    *[
        path(f"{STAFF_REPORT}actions/{slug}/", view.as_view(), name=f"staff-action-{slug}")
        for slug, view in ACTION_VIEWS.items()
    ],
    # Last: anything else under /api/ is a JSON 404 (never the HTML error page).
    re_path(r"^(?P<path>.*)$", unknown_path, name="unknown"),
]
