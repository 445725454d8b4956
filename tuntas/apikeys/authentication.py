"""API keys in Django REST framework: ``ApiKeyAuthentication`` and ``HasScope``.

Add them to a view explicitly (they are not in the project's default classes, so a key
never acts where no one meant it to)::

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope(Scope.REPORTS_READ)]

``request.user`` is then the key's user and ``request.auth`` the ``ApiKey``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from tuntas.accounts.models import User
from tuntas.apikeys.models import ApiKey
from tuntas.apikeys.services import authenticate_key, require_scope
from tuntas.core.errors import RateLimited

KEYWORD = "Api-Key"
HEADER = "X-Api-Key"


def secret_from_headers(request: HttpRequest | Request) -> str:
    """The secret sent as ``Authorization: Api-Key <secret>`` or ``X-Api-Key: <secret>``."""
    authorization = request.headers.get("Authorization", "")
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() == KEYWORD.lower() and value.strip():
        return value.strip()
    return (request.headers.get(HEADER) or "").strip()


class ApiKeyAuthentication(BaseAuthentication):
    """Authenticates a request carrying an API key; refuses a bad key with 403/429."""

    def authenticate(self, request: Request) -> tuple[User, ApiKey] | None:
        secret = secret_from_headers(request)
        if not secret:
            return None
        try:
            key = authenticate_key(secret, scope=None, request=request._request)
        except RateLimited as exc:
            raise exceptions.Throttled(wait=exc.retry_after, detail=exc.message) from exc
        return key.user, key

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD


def HasScope(*scopes: str) -> type[BasePermission]:
    """A permission class: the request was made with an API key holding every scope."""

    class _HasScope(BasePermission):
        def has_permission(self, request: Request, view: Any) -> bool:
            key = request.auth
            if not isinstance(key, ApiKey):
                return False
            for scope in scopes:
                require_scope(key, scope)
            return True

    _HasScope.__name__ = _HasScope.__qualname__ = f"HasScope({', '.join(scopes)})"
    return _HasScope
