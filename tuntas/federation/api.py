"""The federation API (``/api/federation/``).

Machine endpoints, called by peers with the API key we issued them (scope
``federation``): receive a forwarded report, receive events of a report we forwarded,
read the timeline of a report exchanged with the caller. Staff endpoints (token or
session): forward a report to a peer, read a report's federated timeline.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tuntas.accounts.models import User
from tuntas.api.auth import current_user
from tuntas.api.errors import error_responses
from tuntas.api.parsers import SafeJSONParser
from tuntas.api.views.base import TRACKING_ID, ApiView
from tuntas.apikeys.authentication import ApiKeyAuthentication, HasScope
from tuntas.apikeys.models import ApiKey, Scope
from tuntas.core.errors import Conflict, NotFound, PermissionDenied
from tuntas.federation import serializers as s
from tuntas.federation.actions import forward_to_peer
from tuntas.federation.models import ForwardedReport, Peer
from tuntas.federation.services import receive_events, receive_report
from tuntas.federation.timeline import federated_timeline, local_name, serialise
from tuntas.reports.access import get_visible_report
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report
from tuntas.reports.selectors import status_label

TAGS = ["federation"]
IDEMPOTENCY_KEY = OpenApiParameter(
    name="Idempotency-Key",
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description="The sender's key for this call: a repeat returns the first answer.",
)


def _peer(request: Request) -> Peer:
    key = request.auth
    peer = (
        Peer.objects.select_related("organisation").filter(inbound_key=key).first()
        if isinstance(key, ApiKey)
        else None
    )
    if peer is None or not peer.is_active:
        raise PermissionDenied(
            _("Kunci API ini tidak terhubung ke instansi Tuntas yang aktif."),
            code="not_a_peer",
        )
    return peer


def _user(request: Request) -> User:
    user = current_user(request)
    if user is None:
        raise PermissionDenied(_("Anda belum masuk."), code="not_authenticated")
    return user


def timeline_body(report: Report) -> dict[str, Any]:
    links = ForwardedReport.objects.filter(report=report).select_related("peer")
    return {
        "tracking_id": report.tracking_id,
        "status": report.status,
        "instance": local_name(),
        "links": [
            {
                "peer": link.peer.name,
                "direction": link.direction,
                "remote_tracking_id": link.remote_tracking_id,
                "remote_status": link.remote_status,
                "remote_status_label": link.remote_status_label,
            }
            for link in links
        ],
        "timeline": serialise(federated_timeline(report)),
    }


class PeerApiView(APIView):
    """Called by a peer deployment with the API key we issued it."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope(Scope.FEDERATION)]
    parser_classes = [SafeJSONParser]


class ReceiveReportApi(PeerApiView):
    @extend_schema(
        operation_id="federation_receive_report",
        summary="A peer forwards a report here (it awaits verification)",
        parameters=[IDEMPOTENCY_KEY],
        request=s.ForwardedReportInput,
        responses={
            200: s.ReceivedOutput,
            201: s.ReceivedOutput,
            **error_responses(400, 401, 403, 409, 429),
        },
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        peer = _peer(request)
        form = s.ForwardedReportInput(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            received = receive_report(
                form.validated_data,
                peer=peer,
                actor=_user(request),
                idempotency_key=(request.headers.get("Idempotency-Key") or "").strip(),
            )
        except IntegrityError as exc:  # the same report, received at this very moment
            raise Conflict(
                _("Laporan ini sedang diterima; ulangi sebentar lagi."), code="in_progress"
            ) from exc
        report = received.link.report
        return Response(
            {
                "tracking_id": report.tracking_id,
                "status": report.status,
                "status_label": status_label(report.status),
                "created": received.created,
            },
            status=status.HTTP_201_CREATED if received.created else status.HTTP_200_OK,
        )


class ReceiveEventsApi(PeerApiView):
    @extend_schema(
        operation_id="federation_receive_events",
        summary="The peer a report was forwarded to sends what happened to it",
        parameters=[TRACKING_ID, IDEMPOTENCY_KEY],
        request=s.EventsInput,
        responses={200: s.EventsOutput, **error_responses(400, 401, 403, 404, 429)},
        tags=TAGS,
    )
    def post(self, request: Request, tracking_id: str) -> Response:
        peer = _peer(request)
        form = s.EventsInput(data=request.data)
        form.is_valid(raise_exception=True)
        done = receive_events(tracking_id, form.validated_data, peer=peer)
        return Response(
            {
                "copied": done.copied,
                "repeated": done.repeated,
                "remote_status": done.link.remote_status,
            }
        )


class PeerTimelineApi(PeerApiView):
    @extend_schema(
        operation_id="federation_peer_timeline",
        summary="The federated timeline of a report exchanged with the caller",
        parameters=[TRACKING_ID],
        responses={200: s.TimelineOutput, **error_responses(401, 403, 404, 429)},
        tags=TAGS,
    )
    def get(self, request: Request, tracking_id: str) -> Response:
        peer = _peer(request)
        link = (
            ForwardedReport.objects.filter(peer=peer, report__tracking_id=tracking_id)
            .select_related("report")
            .first()
        )
        if link is None:
            raise NotFound(_("Laporan tidak ditemukan."), code="report_not_found")
        return Response(timeline_body(link.report))


class StaffTimelineApi(ApiView):
    @extend_schema(
        operation_id="federation_staff_timeline",
        summary="Staff: a report's timeline across deployments",
        parameters=[TRACKING_ID],
        responses={200: s.TimelineOutput, **error_responses(401, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, tracking_id: str) -> Response:
        report = get_visible_report(_user(request), tracking_id)
        return Response(timeline_body(report))


class ForwardApi(ApiView):
    parser_classes = [SafeJSONParser]

    @extend_schema(
        operation_id="federation_forward",
        summary="Staff: forward a report (not in authority) to another Tuntas deployment",
        parameters=[TRACKING_ID],
        request=s.ForwardInput,
        responses={200: s.ForwardOutput, **error_responses(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    def post(self, request: Request, tracking_id: str) -> Response:
        user = _user(request)
        report = get_visible_report(user, tracking_id)
        form = s.ForwardInput(data=request.data)
        form.is_valid(raise_exception=True)
        peer = Peer.objects.filter(pk=form.validated_data["peer"]).first()
        link = forward_to_peer(
            report,
            actor=Actor(user=user),
            peer=peer,
            note=form.validated_data.get("note", ""),
        )
        return Response(
            {
                "tracking_id": link.report.tracking_id,
                "status": link.report.status,
                "forwarded_to": link.peer.name,
            }
        )


__all__ = [
    "ForwardApi",
    "PeerTimelineApi",
    "ReceiveEventsApi",
    "ReceiveReportApi",
    "StaffTimelineApi",
]
