"""The reporter's data over the API (UU PDP 27/2022, docs/privacy.md).

* ``GET /api/me/data/`` (JSON) and ``GET /api/me/data/archive/`` (ZIP with the files):
  everything held about the signed-in caller; every call is an audit event.
* ``GET|POST|DELETE /api/me/erasure/``: the caller's erasure request (read, ask, cancel).
* ``GET /api/reports/<tracking ID>/data/`` and ``GET|POST|DELETE
  /api/reports/<tracking ID>/erasure/``: the same for one report, proven by its
  ``X-Access-Code`` (or the account that filed it).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.accounts.models import User
from tuntas.api.auth import ACCESS_CODE_PARAMETER, current_user, reporter_access
from tuntas.api.errors import error_responses
from tuntas.api.throttling import TrackingThrottle
from tuntas.api.views.base import TRACKING_ID, ApiView, PublicApiView
from tuntas.core.errors import NotFound
from tuntas.privacy.erasure import cancel_erasure, pending_request, request_erasure
from tuntas.privacy.export import Subject, archive, collect, record_export
from tuntas.privacy.models import ErasureRequest
from tuntas.privacy.responses import zip_response

TAGS = ["me"]


class ErasureSerializer(serializers.Serializer[Any]):
    state = serializers.CharField(help_text="pending, done or cancelled.")
    requested_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(
        help_text="Carried out by then at the latest (unless cancelled)."
    )
    finished_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "ErasureRequest"


PERSONAL_DATA = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description=(
        "The manifest: `account` (null for a report proven by its access code), "
        "`reports` (each with its timeline, messages, published follow-ups, feedback and "
        "the files the reporter gave: name, size, SHA-256), `erasure_requests`. Staff "
        "members' names and internal notes are never included."
    ),
)
ARCHIVE = OpenApiResponse(
    response=OpenApiTypes.BINARY,
    description="A ZIP: `data.json` (the manifest) and `files/<tracking ID>/<name>`.",
)


def _caller(request: Request) -> User:
    user = current_user(request)
    assert user is not None  # IsAuthenticated
    return user


def _export(request: Request, subject: Subject, actor: User | None, fmt: str) -> Any:
    now = timezone.now()
    personal = collect(subject, now=now)
    record_export(subject, personal, actor=actor, surface="api", fmt=fmt, now=now)
    if fmt == "json":
        return Response(personal.data)
    stamp = timezone.localtime(now).strftime("%Y%m%d-%H%M")
    return zip_response(archive(personal), f"data-pribadi-tuntas-{stamp}.zip")


def _erasure_answer(erasure: ErasureRequest | None, *, code: int = 200) -> Response:
    if erasure is None:
        raise NotFound(_("Tidak ada permintaan penghapusan."), code="erasure_not_found")
    return Response(ErasureSerializer(erasure).data, status=code)


def _latest(subject: Subject) -> ErasureRequest | None:
    requests = ErasureRequest.objects.all()
    if subject.user is not None:
        requests = requests.filter(user=subject.user)
    else:
        requests = requests.filter(report=subject.report, user__isnull=True)
    return requests.order_by("-requested_at", "-id").first()


class _Erasure:
    """GET / POST / DELETE on one subject's erasure request."""

    def read(self, subject: Subject) -> Response:
        return _erasure_answer(_latest(subject))

    def ask(self, subject: Subject, actor: User | None) -> Response:
        erasure = request_erasure(subject, actor=actor, surface="api", now=timezone.now())
        return _erasure_answer(erasure, code=status.HTTP_201_CREATED)

    def cancel(self, subject: Subject, actor: User | None) -> Response:
        pending = pending_request(subject)
        if pending is None:
            raise NotFound(
                _("Tidak ada permintaan penghapusan yang menunggu."), code="erasure_not_found"
            )
        cancel_erasure(pending, actor=actor, now=timezone.now())
        pending.refresh_from_db()
        return _erasure_answer(pending)


ERASURE = _Erasure()
ERASURE_DESCRIPTION = (
    "Erasure replaces the reporter's identity on their reports by a pseudonym, deletes "
    "the files they gave, the text of their messages and replies and (for an account) "
    "the account's login and details. The reports, the audit trail and the statistics "
    "stay; the status does not change. The request is carried out after a waiting period "
    "(`due_at`) or sooner when a coordinator confirms it; until then it may be cancelled. "
    "Staff accounts are refused (403); a second request while one waits is a 409."
)


# ---------------------------------------------------------------- the signed-in caller


class MyDataApi(ApiView):
    @extend_schema(
        operation_id="me_data",
        summary="Everything Tuntas holds about you (JSON)",
        responses={200: PERSONAL_DATA, **error_responses(401)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Any:
        user = _caller(request)
        return _export(request, Subject(user=user), user, "json")


class MyDataArchiveApi(ApiView):
    @extend_schema(
        operation_id="me_data_archive",
        summary="Everything Tuntas holds about you, with your files (ZIP)",
        responses={(200, "application/zip"): ARCHIVE, **error_responses(401)},
        tags=TAGS,
    )
    def get(self, request: Request) -> HttpResponse:
        user = _caller(request)
        response: HttpResponse = _export(request, Subject(user=user), user, "zip")
        return response


class MyErasureApi(ApiView):
    @extend_schema(
        operation_id="me_erasure_read",
        summary="Your latest erasure request",
        responses={200: ErasureSerializer, **error_responses(401, 404)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return ERASURE.read(Subject(user=_caller(request)))

    @extend_schema(
        operation_id="me_erasure_request",
        summary="Ask for your personal data to be erased",
        description=ERASURE_DESCRIPTION,
        request=None,
        responses={201: ErasureSerializer, **error_responses(401, 403, 409)},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        user = _caller(request)
        return ERASURE.ask(Subject(user=user), user)

    @extend_schema(
        operation_id="me_erasure_cancel",
        summary="Cancel your waiting erasure request",
        responses={200: ErasureSerializer, **error_responses(401, 404, 409)},
        tags=TAGS,
    )
    def delete(self, request: Request) -> Response:
        user = _caller(request)
        return ERASURE.cancel(Subject(user=user), user)


# ---------------------------------------------------------------- one report, by access code


class ReportSubjectApi(PublicApiView):
    throttle_classes = [TrackingThrottle]

    def subject(self, request: Request, tracking_id: str) -> tuple[Subject, User | None]:
        """The report's reporter: its account if the caller filed it, else the report."""
        access = reporter_access(request, tracking_id)
        if access.actor.user is not None:
            return Subject(user=access.actor.user), access.actor.user
        return Subject(report=access.report), None


class ReportDataApi(ReportSubjectApi):
    @extend_schema(
        operation_id="report_personal_data",
        summary="What Tuntas holds about the reporter of this report (JSON)",
        description=(
            "With `X-Access-Code`: that report only. Signed in as the account that filed "
            "it: everything held about the account (as `GET /api/me/data/`)."
        ),
        parameters=[TRACKING_ID, ACCESS_CODE_PARAMETER],
        responses={200: PERSONAL_DATA, **error_responses(401, 404, 429)},
        tags=TAGS,
    )
    def get(self, request: Request, tracking_id: str) -> Any:
        subject, actor = self.subject(request, tracking_id)
        return _export(request, subject, actor, "json")


class ReportErasureApi(ReportSubjectApi):
    @extend_schema(
        operation_id="report_erasure_read",
        summary="The latest erasure request for this report's reporter",
        parameters=[TRACKING_ID, ACCESS_CODE_PARAMETER],
        responses={200: ErasureSerializer, **error_responses(401, 404, 429)},
        tags=TAGS,
    )
    def get(self, request: Request, tracking_id: str) -> Response:
        return ERASURE.read(self.subject(request, tracking_id)[0])

    @extend_schema(
        operation_id="report_erasure_request",
        summary="Ask for the reporter's personal data on this report to be erased",
        description=ERASURE_DESCRIPTION,
        parameters=[TRACKING_ID, ACCESS_CODE_PARAMETER],
        request=None,
        responses={201: ErasureSerializer, **error_responses(401, 403, 404, 409, 429)},
        tags=TAGS,
    )
    def post(self, request: Request, tracking_id: str) -> Response:
        return ERASURE.ask(*self.subject(request, tracking_id))

    @extend_schema(
        operation_id="report_erasure_cancel",
        summary="Cancel the waiting erasure request",
        parameters=[TRACKING_ID, ACCESS_CODE_PARAMETER],
        responses={200: ErasureSerializer, **error_responses(401, 404, 409, 429)},
        tags=TAGS,
    )
    def delete(self, request: Request, tracking_id: str) -> Response:
        return ERASURE.cancel(*self.subject(request, tracking_id))
