"""Tokens for API clients: sign in with a username and password, sign out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.accounts.models import User
from tuntas.accounts.services import issue_api_token, revoke_api_token
from tuntas.api.auth import current_user
from tuntas.api.errors import error_responses
from tuntas.api.serializers.base import Input
from tuntas.api.throttling import SignInThrottle
from tuntas.api.views.base import ApiView
from tuntas.core.errors import ApplicationError


class TokenApi(ApiView):
    """Token authentication for API clients."""

    class InputSerializer(Input):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=128, style={"input_type": "password"})

        class Meta:
            ref_name = "TokenInput"

    class OutputSerializer(serializers.Serializer[Any]):
        token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")
        username = serializers.CharField()
        name = serializers.CharField()

        class Meta:
            ref_name = "TokenOutput"

    def get_permissions(self) -> Sequence[Any]:
        if self.request.method == "POST":
            return [AllowAny()]
        return super().get_permissions()

    def get_throttles(self) -> list[Any]:
        if self.request.method == "POST":
            return [SignInThrottle()]
        return []

    @extend_schema(
        operation_id="auth_token_create",
        summary="Get an API token",
        description="Exchange a username and password for a token (the same token each time).",
        request=InputSerializer,
        responses={200: OutputSerializer, **error_responses(400, 429)},
        auth=[],
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        user = authenticate(
            request._request,
            username=form.validated_data["username"],
            password=form.validated_data["password"],
        )
        if not isinstance(user, User) or not user.is_active:
            raise ApplicationError(
                _("Nama pengguna atau kata sandi salah."), code="invalid_credentials"
            )
        token = issue_api_token(user)
        out = self.OutputSerializer(
            {"token": token, "username": user.username, "name": user.display_name}
        )
        return Response(out.data)

    @extend_schema(
        operation_id="auth_token_destroy",
        summary="Revoke your API token",
        request=None,
        responses={204: OpenApiResponse(description="Token revoked."), **error_responses(401)},
        tags=["auth"],
    )
    def delete(self, request: Request) -> Response:
        user = current_user(request)
        if user is not None:  # the default permission already refused anonymous callers
            revoke_api_token(user)
        return Response(status=status.HTTP_204_NO_CONTENT)
