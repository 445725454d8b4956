"""/api/oversight/: the quarterly reports and their sign-off chain, and the daily recap.

The same actions and selectors as the pages: another Pemda's document is 404, a step
that is not your role's is 403, a step the document's state does not allow is 409.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.accounts.models import User
from tuntas.api.auth import current_user
from tuntas.api.errors import error_responses
from tuntas.api.fields import organisation_field
from tuntas.api.serializers.base import Input, Query
from tuntas.api.views.base import ApiView
from tuntas.core.errors import NotFound, PermissionDenied
from tuntas.organisations.models import Organisation, OrganisationKind
from tuntas.oversight import access, selectors
from tuntas.oversight.actions import apply_move, compile_quarterly_report
from tuntas.oversight.models import QuarterlyReport, QuarterlyState
from tuntas.oversight.periods import default_recap_day
from tuntas.oversight.recap import compile_daily_recap
from tuntas.oversight.transitions import QuarterlyMove, quarterly_moves_for

TAGS = ["oversight"]
MOVES = [m.value for m in QuarterlyMove if m != QuarterlyMove.COMPILE]


def _user(request: Request) -> User:
    user = current_user(request)
    assert user is not None  # IsAuthenticated
    return user


class SignOffSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(source="actor_name")
    role = serializers.CharField()
    role_label = serializers.CharField()
    decision = serializers.CharField()
    note = serializers.CharField()
    at = serializers.DateTimeField(source="created_at")


class QuarterlySummarySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    pemda = serializers.CharField(source="pemda.code")
    pemda_name = serializers.CharField(source="pemda.name")
    year = serializers.IntegerField()
    quarter = serializers.IntegerField()
    state = serializers.CharField(
        help_text="One of: " + ", ".join(f"`{s}`" for s in QuarterlyState.values)
    )
    state_label = serializers.CharField(source="get_state_display")
    compiled_at = serializers.DateTimeField()
    compiled_by = serializers.CharField(source="compiled_by.display_name")
    state_changed_at = serializers.DateTimeField()


class TotalsSerializer(serializers.Serializer[Any]):
    received = serializers.IntegerField()
    followed_up = serializers.IntegerField()
    followed_up_pct = serializers.FloatField()
    closed = serializers.IntegerField()
    ombudsman = serializers.IntegerField()
    in_process = serializers.IntegerField()


class CountSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    count = serializers.IntegerField()
    pct = serializers.FloatField()


class QuarterlyDetailSerializer(QuarterlySummarySerializer):
    notes = serializers.CharField()
    totals = TotalsSerializer()
    by_channel = CountSerializer(many=True)
    by_classification = CountSerializer(many=True)
    by_category = CountSerializer(many=True)
    by_agency = CountSerializer(many=True)
    by_status = CountSerializer(many=True)
    signoffs = SignOffSerializer(many=True)
    your_moves = serializers.ListField(child=serializers.CharField())


def _counts(items: list[list[Any]]) -> list[dict[str, Any]]:
    return [{"name": n, "count": c, "pct": p} for n, c, p in items]


def present(report: QuarterlyReport, user: User) -> dict[str, Any]:
    content = report.content
    roles = access.pemda_roles(user).get(report.pemda_id, frozenset())
    data = dict(QuarterlySummarySerializer(report).data)
    data.update(
        notes=report.notes,
        totals=content["totals"],
        by_channel=_counts(content["by_channel"]),
        by_classification=_counts(content["by_classification"]),
        by_category=_counts(content["by_category"]),
        by_agency=_counts(content["by_agency"]),
        by_status=_counts(content["by_status"]),
        signoffs=SignOffSerializer(report.signoffs.all(), many=True).data,
        your_moves=[
            str(r.move)
            for r in quarterly_moves_for(report.state, roles)
            if r.move != QuarterlyMove.COMPILE
        ],
    )
    return data


class CompileInput(Input):
    pemda = organisation_field(OrganisationKind.PEMDA, help_text="Pemda code, e.g. `kapuas`.")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=20000, default="")


class MoveInput(Input):
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=4000,
        default="",
        help_text="Required to return the report for correction.",
    )


class QuarterlyReportsApi(ApiView):
    @extend_schema(
        operation_id="oversight_quarterly_list",
        summary="Quarterly reports you may read",
        responses={200: QuarterlySummarySerializer(many=True), **error_responses(401, 403)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        user = _user(request)
        if not access.readable_pemdas(user):
            raise PermissionDenied("Laporan triwulan hanya untuk pengelola pengaduan.")
        reports = selectors.quarterly_reports_for(user)[:200]
        return Response(QuarterlySummarySerializer(reports, many=True).data)

    @extend_schema(
        operation_id="oversight_quarterly_compile",
        summary="Compile (or re-compile) a quarter's report",
        description=(
            "The Pemda's coordinator compiles the report of a quarter that has ended, from "
            "every channel. Compiling a draft or returned report again replaces its "
            "figures. An archived or submitted report cannot be re-compiled (409)."
        ),
        request=CompileInput,
        responses={
            201: QuarterlyDetailSerializer,
            **error_responses(400, 401, 403, 409),
        },
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        user = _user(request)
        form = CompileInput(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        report = compile_quarterly_report(
            pemda=data["pemda"],
            year=data["year"],
            quarter=data["quarter"],
            notes=data["notes"],
            actor=user,
        )
        return Response(present(report, user), status=status.HTTP_201_CREATED)


class QuarterlyReportApi(ApiView):
    @extend_schema(
        operation_id="oversight_quarterly_detail",
        summary="One quarterly report with its figures and sign-offs",
        responses={200: QuarterlyDetailSerializer, **error_responses(401, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, pk: int) -> Response:
        user = _user(request)
        return Response(present(selectors.get_quarterly_report(user, pk), user))


class QuarterlyMoveApi(ApiView):
    @extend_schema(
        operation_id="oversight_quarterly_move",
        summary="Take the next step of the sign-off chain",
        description=(
            "`submit` (coordinator), `return` (Kasi, or Kabid after the Kasi's initial; a "
            "note is required), `initial` (Kasi, then Kabid), `check_resolved` (Kasi), "
            "`archive` (Kabid). 404 outside your Pemda, 403 not your role, 409 wrong state."
        ),
        parameters=[OpenApiParameter("move", OpenApiTypes.STR, OpenApiParameter.PATH, enum=MOVES)],
        request=MoveInput,
        responses={
            200: QuarterlyDetailSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
        tags=TAGS,
    )
    def post(self, request: Request, pk: int, move: str) -> Response:
        user = _user(request)
        if move not in MOVES:
            raise NotFound("Langkah tidak dikenal.", code="unknown_move")
        report = selectors.get_quarterly_report(user, pk)
        form = MoveInput(data=request.data)
        form.is_valid(raise_exception=True)
        moved = apply_move(
            report, QuarterlyMove(move), actor=user, note=form.validated_data["note"]
        )
        return Response(present(moved, user))


class RecapQuery(Query):
    organisation = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Organisation.objects.filter(
            kind__in=[OrganisationKind.PEMDA, OrganisationKind.AGENCY]
        ),
        required=False,
        help_text="A Pemda (all agencies) or an agency code. Default: your first.",
    )
    date = serializers.DateField(required=False, help_text="Default: the previous working day.")


class NameCountSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    count = serializers.IntegerField()


class RecapCountsSerializer(serializers.Serializer[Any]):
    received = serializers.IntegerField()
    verified = serializers.IntegerField()
    disposed = serializers.IntegerField()
    followed_up = serializers.IntegerField()
    closed = serializers.IntegerField()
    overdue = serializers.IntegerField()


class RecapSerializer(serializers.Serializer[Any]):
    organisation = serializers.CharField()
    date = serializers.DateField()
    counts = RecapCountsSerializer()
    by_channel = NameCountSerializer(many=True)
    by_agency = NameCountSerializer(many=True)
    by_status = NameCountSerializer(many=True)


class DailyRecapApi(ApiView):
    @extend_schema(
        operation_id="oversight_daily_recap",
        summary="A day's recap of a Pemda or an agency",
        parameters=[RecapQuery],
        responses={200: RecapSerializer, **error_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        user = _user(request)
        allowed = {o.pk: o for o in access.recap_organisations(user)}
        if not allowed:
            raise PermissionDenied("Rekap harian hanya untuk pengelola pengaduan dan OPD.")
        query = RecapQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        chosen = query.validated_data.get("organisation") or next(iter(allowed.values()))
        if chosen.pk not in allowed:
            raise NotFound("Rekap tidak ditemukan.", code="recap_not_found")
        day = query.validated_data.get("date") or default_recap_day(chosen, timezone.now())
        figures = compile_daily_recap(organisation=chosen, day=day)

        def pairs(items: list[list[Any]]) -> list[dict[str, Any]]:
            return [{"name": n, "count": c} for n, c in items]

        return Response(
            {
                "organisation": chosen.code,
                "date": day.isoformat(),
                "counts": figures["counts"],
                "by_channel": pairs(figures["by_channel"]),
                "by_agency": pairs(figures["by_agency"]),
                "by_status": pairs(figures["by_status"]),
            }
        )
