"""``GET /api/keys/me/``: an application checks its key (which key, whose, what it may do)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tuntas.api.errors import error_responses
from tuntas.apikeys.authentication import ApiKeyAuthentication, HasScope
from tuntas.apikeys.models import ApiKey
from tuntas.apikeys.services import key_pemda


class KeyInfoSerializer(serializers.Serializer[Any]):
    prefix = serializers.CharField()
    name = serializers.CharField()
    organisation = serializers.CharField(help_text="Code of the organisation owning the key.")
    jurisdiction = serializers.CharField(
        allow_null=True, help_text="Code of the Pemda reports filed with this key go to."
    )
    scopes = serializers.ListField(child=serializers.CharField())
    rate_limit_per_minute = serializers.IntegerField()
    expires_at = serializers.DateTimeField(allow_null=True)


class KeyInfoApi(APIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope()]

    @extend_schema(
        operation_id="api_key_me",
        summary="The API key making this request",
        responses={200: KeyInfoSerializer, **error_responses(401, 403, 429)},
        tags=["api keys"],
    )
    def get(self, request: Request) -> Response:
        key = request.auth
        assert isinstance(key, ApiKey)
        pemda = key_pemda(key)
        data = {
            "prefix": key.prefix,
            "name": key.name,
            "organisation": key.organisation.code,
            "jurisdiction": pemda.code if pemda else None,
            "scopes": key.scopes,
            "rate_limit_per_minute": key.rate_limit_per_minute,
            "expires_at": key.expires_at,
        }
        return Response(KeyInfoSerializer(data).data)
