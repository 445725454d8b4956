"""The reporter's side: submit, follow, complete, clarify and reply.

A reporter proves a report with their account (token or session) or, without an
account, with the ``X-Access-Code`` header given at submission.
"""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.api.auth import ACCESS_CODE_PARAMETER, current_user, reporter_access
from tuntas.api.errors import error_responses
from tuntas.api.parsers import SafeJSONParser
from tuntas.api.presenters import public_report, reporter_report
from tuntas.api.serializers.base import Input
from tuntas.api.serializers.report_input import (
    SubmitSerializer,
    attachments_field,
    to_report_input,
)
from tuntas.api.serializers.report_output import (
    PublicReportSerializer,
    ReporterReportSerializer,
    SubmittedSerializer,
)
from tuntas.api.throttling import AnonSubmitThrottle, TrackingThrottle
from tuntas.api.views.base import TRACKING_ID, ApiView, Pagination, PublicApiView, paginated
from tuntas.core.errors import ValidationFailed
from tuntas.reference.models import Channel
from tuntas.reports import actions
from tuntas.reports.models import Report
from tuntas.reports.selectors import own_reports
from tuntas.reports.submissions import Key, submit_once
from tuntas.reports.uploads import check_uploads

TAGS = ["citizen"]
API_CHANNEL = "api"


def _reporter_answer(report: Report) -> Response:
    report.refresh_from_db()
    return Response(ReporterReportSerializer(reporter_report(report)).data)


IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{16,128}$")
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    name=IDEMPOTENCY_HEADER,
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "16 to 128 letters, digits, `.`, `_`, `:` or `-` (a UUID fits), new for every "
        "report. Sending the same submission again with the same key makes no second "
        "report: the answer is the first one's (`200`, `replayed: true`; the access code "
        "only within 30 minutes). The same key with other content is a `409`."
    ),
)


def _idempotency_key(request: Request) -> Key | None:
    raw = request.headers.get(IDEMPOTENCY_HEADER)
    if raw is None:
        return None
    value = raw.strip()
    if not IDEMPOTENCY_KEY.match(value):
        raise ValidationFailed(
            {
                IDEMPOTENCY_HEADER: [
                    _(
                        "Idempotency-Key harus 16 sampai 128 karakter: huruf, angka, titik, "
                        "garis bawah, titik dua atau tanda hubung."
                    )
                ]
            }
        )
    user = current_user(request)
    return Key(scope=f"api:user:{user.pk}" if user else "api:anonymous", value=value)


class ReportSubmitApi(PublicApiView):
    """Submit a report, signed in or anonymously (rate-limited without an account)."""

    parser_classes = [SafeJSONParser, MultiPartParser]
    throttle_classes = [AnonSubmitThrottle]

    @extend_schema(
        operation_id="report_submit",
        summary="Submit a report",
        description=(
            "Anyone may submit. Signed in, the report is tied to your account; without an "
            "account give an e-mail or phone number and keep the returned access code. "
            "Send attachments as multipart/form-data (repeat the `attachments` part). "
            "Send an `Idempotency-Key` so that a retry never makes a second report."
        ),
        parameters=[IDEMPOTENCY_PARAMETER],
        request={
            "application/json": SubmitSerializer,
            "multipart/form-data": SubmitSerializer,
        },
        responses={
            201: SubmittedSerializer,
            200: OpenApiResponse(
                SubmittedSerializer, description="A replay: the report this key already made."
            ),
            **error_responses(400, 409, 413, 429),
        },
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        key = _idempotency_key(request)
        form = SubmitSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        files = check_uploads(data.pop("attachments"), "attachments")
        if data.get("channel") is None:
            data["channel"] = Channel.objects.filter(code=API_CHANNEL).first()
            if data["channel"] is None:
                raise ValidationFailed({"channel": [_("Pilih kanal laporan.")]})
        outcome = submit_once(
            to_report_input(data, files),
            actor=actions.Actor.reporter(current_user(request)),
            key=key,
        )
        report = outcome.report
        out = SubmittedSerializer(
            {
                "tracking_id": report.tracking_id,
                "access_code": outcome.access_code or None,
                "replayed": outcome.replayed,
                "status": report.status,
                "status_label": report.get_status_display(),
                "created_at": report.created_at,
                "url": reverse("api:report-detail", args=[report.tracking_id]),
            }
        )
        if outcome.replayed:
            return Response(
                out.data, status=status.HTTP_200_OK, headers={"Idempotent-Replayed": "true"}
            )
        return Response(out.data, status=status.HTTP_201_CREATED)


class MyReportsApi(ApiView):
    """The reports filed with your account, newest first."""

    pagination_class = Pagination

    @extend_schema(
        operation_id="report_mine",
        summary="Reports you submitted while signed in",
        responses={200: PublicReportSerializer(many=True), **error_responses(400, 401)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        user = current_user(request)
        assert user is not None  # IsAuthenticated
        return paginated(self, request, own_reports(user), public_report, PublicReportSerializer)


class ReporterApiView(PublicApiView):
    """The account that filed the report, or the ``X-Access-Code`` header, proves the
    reporter."""

    throttle_classes = [TrackingThrottle]


class ReportDetailApi(ReporterApiView):
    """Your report as its reporter sees it: no staff-only events or files."""

    @extend_schema(
        operation_id="report_read",
        summary="Read your report (as its reporter)",
        parameters=[TRACKING_ID, ACCESS_CODE_PARAMETER],
        responses={200: ReporterReportSerializer, **error_responses(401, 404, 429)},
        tags=TAGS,
    )
    def get(self, request: Request, tracking_id: str) -> Response:
        return _reporter_answer(reporter_access(request, tracking_id).report)


class CompleteApi(ReporterApiView):
    """The report returns to verification with your completion."""

    parser_classes = [SafeJSONParser, MultiPartParser]

    class InputSerializer(Input):
        details = serializers.CharField(help_text="The data you were asked to complete.")
        attachments = attachments_field()

        class Meta:
            ref_name = "CompleteInput"

    @extend_schema(
        operation_id="report_complete",
        summary="Complete the data the coordinator asked for (report on hold)",
        parameters=[TRACKING_ID, ACCESS_CODE_PARAMETER],
        request={"application/json": InputSerializer, "multipart/form-data": InputSerializer},
        responses={200: ReporterReportSerializer, **error_responses(400, 401, 404, 409, 429)},
        tags=TAGS,
    )
    def post(self, request: Request, tracking_id: str) -> Response:
        access = reporter_access(request, tracking_id)
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        files = check_uploads(form.validated_data["attachments"], "attachments")
        actions.complete_report(
            access.report,
            actor=access.actor,
            details=form.validated_data["details"],
            attachments=files,
        )
        return _reporter_answer(access.report)


class ClarifyApi(ReporterApiView):
    """The report returns to the division with your answer."""

    parser_classes = [SafeJSONParser, MultiPartParser]

    class InputSerializer(Input):
        answer = serializers.CharField(help_text="Your answer to the agency's question.")
        attachments = attachments_field()

        class Meta:
            ref_name = "ClarifyInput"

    @extend_schema(
        operation_id="report_clarify",
        summary="Answer the agency's question",
        parameters=[TRACKING_ID, ACCESS_CODE_PARAMETER],
        request={"application/json": InputSerializer, "multipart/form-data": InputSerializer},
        responses={200: ReporterReportSerializer, **error_responses(400, 401, 404, 409, 429)},
        tags=TAGS,
    )
    def post(self, request: Request, tracking_id: str) -> Response:
        access = reporter_access(request, tracking_id)
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        files = check_uploads(form.validated_data["attachments"], "attachments")
        actions.clarify(
            access.report,
            actor=access.actor,
            answer=form.validated_data["answer"],
            attachments=files,
        )
        return _reporter_answer(access.report)


class ReplyApi(ReporterApiView):
    """Satisfied (Y) closes the report; not satisfied (T) sends it back to the agency."""

    parser_classes = [SafeJSONParser]

    class InputSerializer(Input):
        satisfied = serializers.BooleanField(
            help_text="true = puas (Y): the report closes; false = tidak puas (T): back to "
            "the agency."
        )
        rating = serializers.IntegerField(
            min_value=1, max_value=5, required=False, allow_null=True, help_text="1 to 5."
        )
        comment = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            help_text="Required when not satisfied: what is still wrong.",
        )

        class Meta:
            ref_name = "ReplyInput"

    @extend_schema(
        operation_id="report_reply",
        summary="Reply to the published follow-up (satisfied or not)",
        parameters=[TRACKING_ID, ACCESS_CODE_PARAMETER],
        request=InputSerializer,
        responses={200: ReporterReportSerializer, **error_responses(400, 401, 404, 409, 429)},
        tags=TAGS,
    )
    def post(self, request: Request, tracking_id: str) -> Response:
        access = reporter_access(request, tracking_id)
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        d = form.validated_data
        if d["satisfied"]:
            actions.reply_satisfied(
                access.report, actor=access.actor, rating=d.get("rating"), comment=d["comment"]
            )
        else:
            actions.reply_not_satisfied(
                access.report, actor=access.actor, rating=d.get("rating"), comment=d["comment"]
            )
        return _reporter_answer(access.report)
