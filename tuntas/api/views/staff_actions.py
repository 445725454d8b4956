"""One endpoint per staff action: POST /api/staff/reports/<tracking_id>/actions/<action>/.

Each endpoint is its own view class, made from the action's declaration (through
``tuntas.api.staff_actions``) so that every operation documents its own request body.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.api.errors import error_responses
from tuntas.api.parsers import SafeJSONParser
from tuntas.api.serializers.report_output import StaffReportSerializer
from tuntas.api.staff_actions import StaffAction, staff_actions
from tuntas.api.views.base import TRACKING_ID
from tuntas.api.views.staff import StaffApiView, staff_answer
from tuntas.reports.access import get_visible_report
from tuntas.reports.actions import Actor
from tuntas.reports.actions.base import runner_for
from tuntas.reports.actions.inputs import input_from
from tuntas.reports.transitions import SAME


class StaffActionApi(StaffApiView):
    """Validate the action's input, then call its action function."""

    spec: StaffAction

    def post(self, request: Request, tracking_id: str) -> Response:
        user = self.staff_user
        report = get_visible_report(user, tracking_id)
        values: dict[str, Any] = {}
        serializer_class = self.spec.input
        if serializer_class is not None:
            form = serializer_class(data=request.data)
            form.is_valid(raise_exception=True)
            values = dict(form.validated_data)
        data = input_from(self.spec.declaration.input, values)
        runner_for(self.spec.action).run(report, data, actor=Actor(user=user))
        return staff_answer(report, user)


def _description(spec: StaffAction) -> str:
    row = spec.declaration.row
    sources = ", ".join(sorted(str(s) for s in row.sources if s is not None))
    target = "unchanged" if row.target == SAME else str(row.target)
    roles = ", ".join(sorted(str(a) for a in row.actors))
    return (
        f"{spec.label}.\n\nAllowed from status: {sources}. Resulting status: {target}. "
        f"Roles: {roles}. Answers the updated report. A report outside your scope is 404; "
        "a role that may not take the action is 403; a status that does not allow it is 409."
    )


def _make_view(spec: StaffAction) -> type[StaffActionApi]:
    parsers: list[type[BaseParser]] = [SafeJSONParser]
    request: Any = None
    if spec.input is not None:
        request = spec.input
        if spec.multipart:
            parsers = [SafeJSONParser, MultiPartParser]
            request = {"application/json": spec.input, "multipart/form-data": spec.input}
    schema = extend_schema(
        operation_id=f"staff_report_{spec.slug}",
        summary=spec.summary,
        description=_description(spec),
        parameters=[TRACKING_ID],
        request=request,
        responses={200: StaffReportSerializer, **error_responses(400, 401, 403, 404, 409)},
        tags=["staff actions"],
    )

    def post(self: StaffActionApi, request: Request, tracking_id: str) -> Response:
        return StaffActionApi.post(self, request, tracking_id)

    name = "".join(part.title() for part in spec.slug.split("_")) + "ActionApi"
    attrs = {"spec": spec, "parser_classes": parsers, "post": schema(post)}
    return type(name, (StaffActionApi,), attrs)


ACTION_VIEWS: dict[str, type[StaffActionApi]] = {
    slug: _make_view(spec) for slug, spec in staff_actions().items()
}
