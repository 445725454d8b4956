"""Tokens for API clients: sign in (password, and the second factor where needed), list
your tokens, revoke one.

Every sign-in issues a new token (stored hashed, expiring after ``TUNTAS_API_TOKEN_DAYS``).
Someone who signs in on the web with a second factor must send it here too, as ``otp``
(a 6-digit app code or a recovery code); without it the answer is 400 ``otp_required``.
A person whose role requires two-factor sign-in but who has not set it up is refused
with 403 ``second_factor_setup_required``: set it up on the web first (/akun/keamanan/).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.accounts import guard, two_factor
from tuntas.accounts.models import ApiToken, User
from tuntas.accounts.tokens import issue_api_token, revoke_api_token, tokens_of
from tuntas.api.auth import current_user
from tuntas.api.errors import error_responses
from tuntas.api.serializers.base import Input
from tuntas.api.throttling import SignInAddressThrottle, SignInThrottle
from tuntas.api.views.base import ApiView
from tuntas.core.errors import ApplicationError, PermissionDenied, ValidationFailed


class SecondFactorNeeded(ValidationFailed):
    """400 with a code of its own: the password was right, the ``otp`` is missing/wrong."""

    def __init__(self, code: str, message: str):
        super().__init__({"otp": [message]}, message=message)
        self.code = code


class TokenApi(ApiView):
    """Token authentication for API clients."""

    class InputSerializer(Input):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=128, style={"input_type": "password"})
        otp = serializers.CharField(
            max_length=32,
            required=False,
            allow_blank=True,
            help_text=(
                "The second factor: a 6-digit code from the authenticator app, or one "
                "recovery code. Required for accounts with two-factor sign-in."
            ),
        )
        name = serializers.CharField(
            max_length=120,
            required=False,
            allow_blank=True,
            help_text="A label for this token in your token list (e.g. the client's name).",
        )

        class Meta:
            ref_name = "TokenInput"

    class OutputSerializer(serializers.Serializer[Any]):
        token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")
        token_id = serializers.IntegerField(help_text="Revoke with DELETE /api/auth/tokens/<id>/.")
        expires_at = serializers.DateTimeField()
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
            return [SignInThrottle(), SignInAddressThrottle()]
        return []

    @extend_schema(
        operation_id="auth_token_create",
        summary="Get an API token",
        description=(
            "Exchange a username and password (and, for accounts with two-factor sign-in, "
            "`otp`) for a new token. Errors: 400 `invalid_credentials`, `otp_required`, "
            "`invalid_otp`; 403 `second_factor_setup_required`; 429 after too many "
            "failed attempts from this address or on this username."
        ),
        request=InputSerializer,
        responses={200: OutputSerializer, **error_responses(400, 403, 429)},
        auth=[],
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        form = self.InputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        http = request._request
        if guard.is_blocked(http, data["username"]):
            raise exceptions.Throttled(wait=int(settings.TUNTAS_SIGN_IN_LOCK_MINUTES) * 60)
        user = authenticate(http, username=data["username"], password=data["password"])
        if not isinstance(user, User) or not user.is_active:
            raise ApplicationError(
                _("Nama pengguna atau kata sandi salah."), code="invalid_credentials"
            )
        kind = self._second_factor(request, user, data.get("otp", ""))
        token, key = issue_api_token(
            user, name=data.get("name", ""), request=http, second_factor=kind
        )
        out = self.OutputSerializer(
            {
                "token": key,
                "token_id": token.pk,
                "expires_at": token.expires_at,
                "username": user.username,
                "name": user.display_name,
            }
        )
        return Response(out.data)

    def _second_factor(self, request: Request, user: User, otp: str) -> str:
        if not two_factor.needs_second_factor(user):
            return ""
        if not two_factor.has_device(user):
            raise PermissionDenied(
                _(
                    "Peran Anda mewajibkan verifikasi dua langkah. Pasang dahulu di halaman "
                    "Keamanan akun (/akun/keamanan/), lalu minta token dengan kodenya."
                ),
                code="second_factor_setup_required",
            )
        if not otp.strip():
            raise SecondFactorNeeded(
                "otp_required",
                _("Akun ini memakai verifikasi dua langkah: kirim kodenya di kolom otp."),
            )
        device, kind = two_factor.verify_code(user, otp)
        if device is None:
            guard.record_failure(request._request, user.username, reason="wrong_code", user=user)
            raise SecondFactorNeeded("invalid_otp", _("Kode verifikasi salah atau sudah dipakai."))
        return kind

    @extend_schema(
        operation_id="auth_token_destroy",
        summary="Revoke the token this request is signed with",
        request=None,
        responses={204: OpenApiResponse(description="Token revoked."), **error_responses(401)},
        tags=["auth"],
    )
    def delete(self, request: Request) -> Response:
        user = current_user(request)
        if user is not None and isinstance(request.auth, ApiToken):
            revoke_api_token(actor=user, token_id=request.auth.pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField(help_text="The first characters of the token.")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    current = serializers.BooleanField(help_text="This request is signed with it.")

    class Meta:
        ref_name = "ApiTokenItem"


class TokenListApi(ApiView):
    """Your own tokens that still work."""

    @extend_schema(
        operation_id="auth_tokens_list",
        summary="List your API tokens",
        responses={200: TokenSerializer(many=True), **error_responses(401, 403)},
        tags=["auth"],
    )
    def get(self, request: Request) -> Response:
        user = current_user(request)
        assert user is not None
        current = request.auth.pk if isinstance(request.auth, ApiToken) else None
        rows = [
            {
                "id": t.pk,
                "name": t.name,
                "prefix": t.prefix,
                "created_at": t.created_at,
                "expires_at": t.expires_at,
                "last_used_at": t.last_used_at,
                "current": t.pk == current,
            }
            for t in tokens_of(user)
        ]
        return Response(TokenSerializer(rows, many=True).data)


class TokenDetailApi(ApiView):
    @extend_schema(
        operation_id="auth_tokens_revoke",
        summary="Revoke one of your API tokens",
        request=None,
        responses={
            204: OpenApiResponse(description="Token revoked."),
            **error_responses(401, 403, 404),
        },
        tags=["auth"],
    )
    def delete(self, request: Request, token_id: int) -> Response:
        user = current_user(request)
        assert user is not None
        revoke_api_token(actor=user, token_id=token_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
