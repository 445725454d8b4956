"""API key fixtures: a fresh rate-limit cache and a helper that issues keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.core.cache import cache

from tuntas.apikeys.models import ApiKey
from tuntas.apikeys.services import issue_api_key
from tuntas.demo.builder import Demo


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


IssueKey = Callable[..., tuple[ApiKey, str]]


@pytest.fixture
def issue_key(demo: Demo) -> IssueKey:
    """``issue_key("kapuas", ["reports.read"])`` → (key, secret), issued by the system."""

    def make(org_code: str = "kapuas", scopes: list[str] | None = None, **kwargs: object):
        return issue_api_key(
            actor=None,
            organisation=demo.orgs[org_code],
            name=kwargs.pop("name", "Chatbot Kapuas"),  # type: ignore[arg-type]
            scopes=scopes or ["reports.read"],
            **kwargs,  # type: ignore[arg-type]
        )

    return make
