"""What every API view shares: authentication order, path parameters, pagination."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tuntas.api.auth import API_AUTHENTICATION
from tuntas.api.errors import error_body
from tuntas.core.errors import ValidationFailed

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
    """``?limit=`` (1 to 200, default 50) and ``?offset=`` (0 or more); anything else is 400.

    DRF silently falls back to the defaults on ``?limit=abc``; the API refuses it instead,
    as its schema says.
    """

    default_limit = 50
    max_limit = 200
    max_offset = 2**31 - 1

    def _read(self, request: Request, name: str, low: int, high: int, default: int) -> int:
        raw = request.query_params.getlist(name)
        if not raw:
            return default
        text = raw[-1].strip()
        if len(raw) > 1 or not text.isascii() or not text.isdigit() or not low <= int(text) <= high:
            message = _("Harus berupa bilangan bulat antara %(low)s dan %(high)s.") % {
                "low": low,
                "high": high,
            }
            raise ValidationFailed({name: [message]})
        return int(text)

    def get_limit(self, request: Request) -> int:
        return self._read(request, self.limit_query_param, 1, self.max_limit, self.default_limit)

    def get_offset(self, request: Request) -> int:
        return self._read(request, self.offset_query_param, 0, self.max_offset, 0)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit},
            self.offset_query_param: {"minimum": 0, "maximum": self.max_offset},
        }
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"] = {**parameter["schema"], **bounds.get(parameter["name"], {})}
        return parameters


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


@csrf_exempt
def unknown_path(request: HttpRequest, path: str = "") -> JsonResponse:
    """Any path under /api/ that names no endpoint: the API's JSON 404, not the HTML page.

    Also answers a path parameter of the wrong shape (``/attachments/abc/``), which no URL
    pattern matches.
    """
    body = error_body("not_found", _("Alamat API ini tidak ada."))
    return JsonResponse(body, status=404)
