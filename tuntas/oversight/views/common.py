"""What the oversight pages share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.http import Http404

from tuntas.core.errors import NotFound

T = TypeVar("T")


def found(get: Callable[[], T]) -> T:
    """Run a scoped selector; outside the scope is a 404 page."""
    try:
        return get()
    except NotFound as exc:
        raise Http404(exc.message) from exc
