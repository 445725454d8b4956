"""Staff: the reports in your scope, one report in full, and intake from outside channels."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.accounts.models import User
from tuntas.api.auth import current_user
from tuntas.api.errors import error_responses
from tuntas.api.fields import organisation_field
from tuntas.api.parsers import SafeJSONParser
from tuntas.api.permissions import IsStaffMember
from tuntas.api.presenters import staff_list_row
from tuntas.api.selectors import staff_reports
from tuntas.api.serializers.base import Query
from tuntas.api.serializers.report_input import IntakeSerializer, to_report_input
from tuntas.api.serializers.report_output import (
    IntakeResultSerializer,
    StaffReportListItemSerializer,
    StaffReportSerializer,
)
from tuntas.api.views.base import TRACKING_ID, ApiView, Pagination, paginated
from tuntas.audit.models import IdentitySurface
from tuntas.organisations.models import OrganisationKind
from tuntas.reports import actions
from tuntas.reports.access import get_visible_report
from tuntas.reports.models import Report, Status
from tuntas.reports.staff_view import staff_view
from tuntas.reports.uploads import check_uploads

TAGS = ["staff"]


class StaffApiView(ApiView):
    permission_classes = [IsStaffMember]

    @property
    def staff_user(self) -> User:
        user = current_user(self.request)
        assert user is not None  # IsStaffMember
        return user


def staff_answer(report: Report, user: User, *, code: int = status.HTTP_200_OK) -> Response:
    """The staff view of ``report`` as ``user`` may read it now (read afresh)."""
    view = staff_view(user, report, now=timezone.now(), surface=IdentitySurface.API)
    return Response(StaffReportSerializer(view).data, status=code)


class StaffReportsApi(StaffApiView):
    """List the reports in your scope, or type in a report from an outside channel."""

    pagination_class = Pagination
    parser_classes = [SafeJSONParser, MultiPartParser]

    class FilterSerializer(Query):
        status = serializers.ChoiceField(choices=Status.choices, required=False)
        pemda = organisation_field(OrganisationKind.PEMDA, required=False)
        agency = organisation_field(
            OrganisationKind.AGENCY, required=False, help_text="Reports disposed to this agency."
        )
        overdue = serializers.BooleanField(
            required=False,
            allow_null=True,
            default=None,
            help_text="true: only reports with a running clock past its deadline.",
        )

        class Meta:
            ref_name = "StaffReportFilter"

    @extend_schema(
        operation_id="staff_report_list",
        summary="Reports in your scope",
        parameters=[FilterSerializer],
        responses={
            200: StaffReportListItemSerializer(many=True),
            **error_responses(400, 401, 403),
        },
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = staff_reports(self.staff_user, now=timezone.now(), **query.validated_data)
        return paginated(self, request, rows, staff_list_row, StaffReportListItemSerializer)

    @extend_schema(
        operation_id="staff_report_intake",
        summary="Type in a report from an outside channel",
        description=(
            "For coordinators (the report enters verified) and liaison admins (the report "
            "enters accepted by their agency). With `solved_answer` the answer is published "
            "at once (seed 003, SOP 5 and 6)."
        ),
        request={"application/json": IntakeSerializer, "multipart/form-data": IntakeSerializer},
        responses={201: IntakeResultSerializer, **error_responses(400, 401, 403)},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        user = self.staff_user
        form = IntakeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        files = check_uploads(data.pop("attachments"), "attachments")
        submitted = actions.intake_report(
            to_report_input(data, files),
            actor=actions.Actor(user=user),
            solved_answer=data["solved_answer"],
            organisation=data.get("organisation"),
        )
        view = staff_view(user, submitted.report, now=timezone.now(), surface=IdentitySurface.API)
        out = IntakeResultSerializer({"access_code": submitted.access_code, "report": view})
        return Response(out.data, status=status.HTTP_201_CREATED)


class StaffReportDetailApi(StaffApiView):
    """Identity only where your role may see it (anonim hides it from agencies)."""

    @extend_schema(
        operation_id="staff_report_read",
        summary="A report in full, with the actions you may take",
        parameters=[TRACKING_ID],
        responses={200: StaffReportSerializer, **error_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, tracking_id: str) -> Response:
        user = self.staff_user
        return staff_answer(get_visible_report(user, tracking_id), user)
