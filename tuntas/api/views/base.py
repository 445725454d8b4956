"""What every API view shares: authentication order, path parameters, pagination."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tuntas.api.auth import API_AUTHENTICATION

M = TypeVar("M", bound=Model)

TRACKING_ID = OpenApiParameter(
    name="tracking_id",
    type=str,
    location=OpenApiParameter.PATH,
    description="The report's tracking ID, e.g. `LPR-2611-AB3CD4`.",
)


class ApiView(APIView):
    """A signed-in caller (token or session)."""

    authentication_classes = API_AUTHENTICATION
    permission_classes = [IsAuthenticated]


class PublicApiView(ApiView):
    """Anyone may call it; a token or session is still read if sent."""

    permission_classes = [AllowAny]


class Pagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200


def paginated(
    view: APIView,
    request: Request,
    queryset: QuerySet[M],
    present: Callable[[M], object],
    serializer: type[serializers.Serializer[Any]],
) -> Response:
    """One page of ``queryset`` (``?limit=&offset=``), each row presented and serialized."""
    paginator = Pagination()
    page: Iterable[M] = paginator.paginate_queryset(queryset, request, view=view) or []
    data = serializer([present(row) for row in page], many=True).data
    return paginator.get_paginated_response(data)
