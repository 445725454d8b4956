"""Reference data anyone may read: what a report may point at."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.api.errors import error_responses
from tuntas.api.serializers import reference as s
from tuntas.api.views.base import Pagination, PublicApiView, paginated
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.reference.models import Category, Channel, Classification, Region

TAGS = ["reference"]


class PemdaListApi(PublicApiView):
    """Every active regional government; report submissions name one by `code`."""

    @extend_schema(
        operation_id="pemda_list",
        summary="Regional governments (Pemda)",
        responses={200: s.PemdaSerializer(many=True)},
        auth=[],
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        rows = Organisation.objects.filter(kind=OrganisationKind.PEMDA, is_active=True)
        return Response(s.PemdaSerializer(rows.order_by("name"), many=True).data)


class AgencyListApi(PublicApiView):
    """Active agencies, optionally of one Pemda, each with its divisions (bidang)."""

    @extend_schema(
        operation_id="agency_list",
        summary="Agencies (OPD) with their divisions",
        parameters=[s.PemdaFilterSerializer],
        responses={200: s.AgencySerializer(many=True), **error_responses(400)},
        auth=[],
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        query = s.PemdaFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = Organisation.objects.filter(kind=OrganisationKind.AGENCY, is_active=True)
        if pemda := query.validated_data.get("pemda"):
            rows = rows.filter(parent=pemda)
        agencies = list(rows.select_related("parent").order_by("parent__name", "name"))
        divisions = Organisation.objects.filter(
            kind=OrganisationKind.DIVISION, is_active=True, parent__in=agencies
        ).order_by("name")
        by_agency: dict[int, list[Organisation]] = {}
        for division in divisions:
            by_agency.setdefault(division.parent_id or 0, []).append(division)
        rows_out = [
            {
                "code": a.code,
                "name": a.name,
                "short_name": a.short_name,
                "parent": a.parent,
                "divisions": by_agency.get(a.pk, []),
            }
            for a in agencies
        ]
        return Response(s.AgencySerializer(rows_out, many=True).data)


class ClassificationListApi(PublicApiView):
    """Aspirasi, permintaan informasi, pengaduan (with or without examination)."""

    @extend_schema(
        operation_id="classification_list",
        summary="Classifications (they set the follow-up time limits)",
        responses={200: s.ClassificationSerializer(many=True)},
        auth=[],
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(s.ClassificationSerializer(Classification.objects.all(), many=True).data)


class CategoryListApi(PublicApiView):
    """Active categories; a subtopic names its topic as `parent`."""

    @extend_schema(
        operation_id="category_list",
        summary="Categories (topic › subtopic)",
        responses={200: s.CategorySerializer(many=True)},
        auth=[],
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        rows = Category.objects.filter(is_active=True).select_related("parent")
        return Response(s.CategorySerializer(rows, many=True).data)


class ChannelListApi(PublicApiView):
    """Channels; those outside the system are typed in by staff."""

    @extend_schema(
        operation_id="channel_list",
        summary="Channels reports come through",
        responses={200: s.ChannelSerializer(many=True)},
        auth=[],
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(s.ChannelSerializer(Channel.objects.all(), many=True).data)


class RegionListApi(PublicApiView):
    """Regions by code, filterable by Pemda, level and parent."""

    pagination_class = Pagination

    @extend_schema(
        operation_id="region_list",
        summary="Regions (province, regency, kecamatan, desa)",
        parameters=[s.RegionFilterSerializer],
        responses={200: s.RegionSerializer(many=True), **error_responses(400)},
        auth=[],
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        query = s.RegionFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = Region.objects.select_related("parent", "pemda").order_by("code")
        if pemda := query.validated_data.get("pemda"):
            rows = rows.filter(pemda=pemda)
        if level := query.validated_data.get("level"):
            rows = rows.filter(level=level)
        if parent := query.validated_data.get("parent"):
            rows = rows.filter(parent__code=parent)
        return paginated(self, request, rows, lambda region: region, s.RegionSerializer)
