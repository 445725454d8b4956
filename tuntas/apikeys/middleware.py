"""Logs every request made with an API key, with the status code it was answered with."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase

from tuntas.apikeys.models import ApiKey
from tuntas.apikeys.services import REQUEST_ATTRIBUTE, record_use
from tuntas.core.clients import client_address


class ApiKeyUseMiddleware:
    """After the response: one ``ApiKeyUse`` row when the view marked a key as used, with
    the client's address as ``tuntas.core.clients`` tells it (behind the proxy: the
    client, not the proxy)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        key = getattr(request, REQUEST_ATTRIBUTE, None)
        if isinstance(key, ApiKey):
            record_use(
                key,
                method=request.method or "",
                path=request.path,
                status_code=response.status_code,
                remote_addr=client_address(request),
            )
        return response
