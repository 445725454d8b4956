"""Attachment downloads, with the same rules as the reports they belong to."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request

from tuntas.api.auth import ACCESS_CODE_PARAMETER, current_user, reporter_access
from tuntas.api.errors import error_responses
from tuntas.api.throttling import TrackingThrottle
from tuntas.api.views.base import TRACKING_ID, PublicApiView
from tuntas.reports.access import reports_visible_to
from tuntas.reports.downloads import attachment_response
from tuntas.reports.selectors import reporter_attachments
from tuntas.reports.uploads import ALLOWED


class AttachmentDownloadApi(PublicApiView):
    throttle_classes = [TrackingThrottle]

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # A client asking for ``Accept: image/*`` still gets its file (or a JSON error).
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="report_attachment_download",
        summary="Download an attachment",
        description=(
            "Staff in the report's scope may open every file. The reporter (account or "
            "`X-Access-Code`) may open their own evidence and the published follow-up's files."
        ),
        parameters=[
            TRACKING_ID,
            OpenApiParameter("attachment_id", int, OpenApiParameter.PATH),
            ACCESS_CODE_PARAMETER,
        ],
        responses={
            **{
                (200, content_type): OpenApiResponse(
                    response=OpenApiTypes.BINARY,
                    description="The file, as uploaded (photos without EXIF).",
                )
                for content_type in ALLOWED
            },
            **error_responses(401, 404, 429),
        },
        tags=["citizen"],
    )
    def get(self, request: Request, tracking_id: str, attachment_id: int) -> FileResponse:
        user = current_user(request)
        report = reports_visible_to(user).filter(tracking_id=tracking_id).first()
        if report is not None:  # in the caller's staff scope
            files = report.attachments.all()
        else:
            report = reporter_access(request, tracking_id).report
            files = reporter_attachments(report)
        return attachment_response(files.filter(pk=attachment_id).first())
