"""/api/kpi/: the dashboard's figures and the compliance table as JSON."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.api.auth import current_user
from tuntas.api.errors import error_responses
from tuntas.api.serializers.base import Query
from tuntas.api.views.base import ApiView
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.kpi.access import KpiScope, kpi_scope
from tuntas.kpi.dashboard import build_compliance, build_dashboard
from tuntas.kpi.filters import KpiFilter, KpiFilterForm, errors_of
from tuntas.kpi.selectors import DURATIONS, KpiRow

TAGS = ["kpi"]


class FilterSerializer(Query):
    """The query parameters: their shape is checked here (types; an empty value is refused,
    as the schema says), then the filter form checks them against the data and scope."""

    date_from = serializers.DateField(
        required=False, help_text="Received on or after (Pemda's local date). Default 1 January."
    )
    date_to = serializers.DateField(
        required=False, help_text="Received on or before. Default today."
    )
    pemda = serializers.CharField(required=False, help_text="Pemda code, e.g. `kapuas`.")
    agency = serializers.CharField(
        required=False, help_text="Lead agency code, e.g. `kapuas-pupr`."
    )
    category = serializers.IntegerField(required=False, help_text="Category id (and its children).")
    channel = serializers.CharField(required=False, help_text="Channel code, e.g. `web`.")
    classification = serializers.CharField(
        required=False, help_text="Classification code, e.g. `complaint`."
    )

    class Meta:
        ref_name = "KpiFilter"


class DurationsSerializer(serializers.Serializer[Any]):
    verify = serializers.FloatField(allow_null=True)
    dispose = serializers.FloatField(allow_null=True)
    first_answer = serializers.FloatField(allow_null=True)
    close = serializers.FloatField(allow_null=True)


class KpiRowSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(allow_null=True, help_text="Month (YYYY-MM-DD) or id; null = none.")
    name = serializers.CharField(source="label")
    total = serializers.IntegerField()
    needs_followup = serializers.IntegerField(help_text="Disposed to an agency or answered.")
    followed_up = serializers.IntegerField()
    within_limit = serializers.IntegerField()
    pct_followed_up = serializers.FloatField(allow_null=True)
    pct_within_limit = serializers.FloatField(allow_null=True)
    average_working_days = DurationsSerializer()
    median_working_days = DurationsSerializer()
    escalated = serializers.IntegerField()
    ombudsman = serializers.IntegerField()
    feedback = serializers.IntegerField()
    satisfied = serializers.IntegerField()
    pct_satisfied = serializers.FloatField(allow_null=True)
    closed_once = serializers.IntegerField()
    reopened = serializers.IntegerField()
    pct_reopened = serializers.FloatField(allow_null=True)


class PeriodSerializer(serializers.Serializer[Any]):
    date_from = serializers.DateField()
    date_to = serializers.DateField()


class SummarySerializer(serializers.Serializer[Any]):
    period = PeriodSerializer()
    data_as_of = serializers.DateTimeField(allow_null=True)
    summary = KpiRowSerializer()
    months = KpiRowSerializer(many=True)
    agencies = KpiRowSerializer(many=True)
    channels = KpiRowSerializer(many=True)
    categories = KpiRowSerializer(many=True)
    classifications = KpiRowSerializer(many=True)


class ComplianceRowSerializer(serializers.Serializer[Any]):
    organisation = serializers.CharField()
    organisation_code = serializers.CharField()
    step = serializers.CharField()
    step_label = serializers.CharField()
    unit = serializers.CharField()
    limit = serializers.IntegerField()
    measured = serializers.IntegerField()
    met = serializers.IntegerField()
    late = serializers.IntegerField()
    pct_met = serializers.FloatField(allow_null=True)
    avg_actual = serializers.FloatField(allow_null=True)
    max_overrun = serializers.IntegerField()


class OffenderSerializer(serializers.Serializer[Any]):
    tracking_id = serializers.CharField()
    organisation = serializers.CharField()
    step_label = serializers.CharField()
    unit_label = serializers.CharField()
    limit = serializers.IntegerField()
    actual = serializers.IntegerField()
    overrun = serializers.IntegerField()
    stopped_at = serializers.DateTimeField()


class ComplianceSerializer(serializers.Serializer[Any]):
    period = PeriodSerializer()
    data_as_of = serializers.DateTimeField(allow_null=True)
    rows = ComplianceRowSerializer(many=True)
    worst = OffenderSerializer(many=True)


def present_row(row: KpiRow) -> dict[str, Any]:
    return {
        "key": None if row.key is None else str(row.key),
        "label": row.label,
        "total": row.total,
        "needs_followup": row.needs_followup,
        "followed_up": row.followed_up,
        "within_limit": row.within_limit,
        "pct_followed_up": row.pct_followed_up,
        "pct_within_limit": row.pct_within_limit,
        "average_working_days": {name: row.averages.get(name) for name, _c in DURATIONS},
        "median_working_days": {name: row.medians.get(name) for name, _c in DURATIONS},
        "escalated": row.escalated,
        "ombudsman": row.ombudsman,
        "feedback": row.feedback,
        "satisfied": row.satisfied,
        "pct_satisfied": row.pct_satisfied,
        "closed_once": row.closed_once,
        "reopened": row.reopened,
        "pct_reopened": row.pct_reopened,
    }


class KpiApiView(ApiView):
    def scope_and_filter(self, request: Request) -> tuple[KpiScope, KpiFilter]:
        scope = kpi_scope(current_user(request))
        if not scope.allowed:
            raise PermissionDenied(_("Data kinerja hanya untuk admin dan pimpinan."))
        FilterSerializer(data=request.query_params).is_valid(raise_exception=True)
        form = KpiFilterForm(request.query_params, scope=scope)
        if not form.is_valid():
            raise ValidationFailed(errors_of(form))
        return scope, form.to_filter()


class KpiSummaryApi(KpiApiView):
    """The dashboard's figures for the filters, in the asker's scope."""

    @extend_schema(
        operation_id="kpi_summary",
        summary="KPI summary with breakdowns per month, agency, channel, category, classification",
        parameters=[FilterSerializer],
        responses={200: SummarySerializer, **error_responses(400, 401, 403)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        scope, f = self.scope_and_filter(request)
        board = build_dashboard(scope, f, timezone.now(), with_overdue=False)
        data = {
            "period": {"date_from": f.date_from, "date_to": f.date_to},
            "data_as_of": board.data_as_of,
            "summary": present_row(board.summary),
            "months": [present_row(r) for r in board.months],
            "agencies": [present_row(r) for r in board.groups["agency"]],
            "channels": [present_row(r) for r in board.groups["channel"]],
            "categories": [present_row(r) for r in board.groups["category"]],
            "classifications": [present_row(r) for r in board.groups["classification"]],
        }
        return Response(SummarySerializer(data).data)


class KpiComplianceApi(KpiApiView):
    """Service-standard compliance per responsible organisation and step."""

    @extend_schema(
        operation_id="kpi_compliance",
        summary="Steps measured against the service standard, and the worst overruns",
        parameters=[FilterSerializer],
        responses={200: ComplianceSerializer, **error_responses(400, 401, 403)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        scope, f = self.scope_and_filter(request)
        result = build_compliance(scope, f)
        data = {
            "period": {"date_from": f.date_from, "date_to": f.date_to},
            "data_as_of": result.data_as_of,
            "rows": [vars(r) | {"pct_met": r.pct_met} for r in result.rows],
            "worst": [vars(o) for o in result.worst],
        }
        return Response(ComplianceSerializer(data).data)
