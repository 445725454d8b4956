"""The public list: reports that are not rahasia, without anyone's identity."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.api.errors import error_responses
from tuntas.api.fields import organisation_field
from tuntas.api.presenters import public_report
from tuntas.api.serializers.base import Query
from tuntas.api.serializers.report_output import (
    PublicReportDetailSerializer,
    PublicReportSerializer,
)
from tuntas.api.views.base import TRACKING_ID, Pagination, PublicApiView, paginated
from tuntas.core.errors import NotFound
from tuntas.organisations.models import OrganisationKind
from tuntas.reports.models import PUBLIC_STATUSES, Status
from tuntas.reports.selectors import filter_public, find_public_report, public_reports

TAGS = ["public"]


class PublicReportListApi(PublicApiView):
    """Verified reports that are not rahasia, newest first."""

    pagination_class = Pagination

    class FilterSerializer(Query):
        pemda = organisation_field(OrganisationKind.PEMDA, required=False)
        status = serializers.ChoiceField(
            choices=[(s.value, s.label) for s in Status if s in PUBLIC_STATUSES],
            required=False,
        )

        class Meta:
            ref_name = "PublicReportFilter"

    @extend_schema(
        operation_id="public_report_list",
        summary="Public reports (never rahasia, never the reporter's identity)",
        parameters=[FilterSerializer],
        responses={200: PublicReportSerializer(many=True), **error_responses(400)},
        auth=[],
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = filter_public(
            public_reports(),
            pemda=query.validated_data.get("pemda"),
            status=query.validated_data.get("status", ""),
        )
        return paginated(self, request, rows, public_report, PublicReportSerializer)


class PublicReportDetailApi(PublicApiView):
    """A public report with its published follow-ups and public timeline."""

    @extend_schema(
        operation_id="public_report_read",
        summary="A public report with its published follow-ups",
        parameters=[TRACKING_ID],
        responses={200: PublicReportDetailSerializer, **error_responses(404)},
        auth=[],
        tags=TAGS,
    )
    def get(self, request: Request, tracking_id: str) -> Response:
        report = find_public_report(tracking_id)
        if report is None:
            raise NotFound(
                _("Laporan tidak ditemukan atau tidak dipublikasikan."), code="report_not_found"
            )
        return Response(PublicReportDetailSerializer(public_report(report, detail=True)).data)
