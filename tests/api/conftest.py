"""API fixtures: clients signed in with a token obtained through the API itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.two_factor import current_code, needs_code
from tuntas.accounts.models import User
from tuntas.demo.builder import DEMO_PASSWORD, Demo


@pytest.fixture(autouse=True)
def _fresh_throttles() -> Iterator[None]:
    """Rate-limit counters live in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


def token_for(username: str, password: str = DEMO_PASSWORD) -> str:
    """A token through the API itself (with the persona's current code where needed)."""
    body = {"username": username, "password": password}
    user = User.objects.filter(username=username).first()
    if user is not None and needs_code(user):
        body["otp"] = current_code(user)
    response = APIClient().post("/api/auth/token/", body, format="json")
    assert response.status_code == 200, response.content
    token: str = response.json()["token"]
    return token


@pytest.fixture
def api_as(demo: Demo) -> Callable[[str], APIClient]:
    """``api_as("kapuas.koordinator")`` → a client sending that persona's token."""
    clients: dict[str, APIClient] = {}

    def make(username: str) -> APIClient:
        if username not in clients:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(username)}")
            clients[username] = client
        return clients[username]

    return make
