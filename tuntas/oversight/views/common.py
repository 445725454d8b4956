"""What the oversight pages share."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest

from tuntas.core.errors import ApplicationError, NotFound, ValidationFailed

T = TypeVar("T")


def found(get: Callable[[], T]) -> T:
    """Run a scoped selector; outside the scope is a 404 page."""
    try:
        return get()
    except NotFound as exc:
        raise Http404(exc.message) from exc


def refused(request: HttpRequest, exc: ApplicationError, form: forms.Form | None = None) -> int:
    """Show a refused action's message (and field errors on ``form``); returns the status
    to render the page with. Nothing was changed."""
    if isinstance(exc, ValidationFailed) and form is not None:
        for name, errors in exc.errors.items():
            form.add_error(name if name in form.fields else None, errors)
    messages.error(request, exc.message)
    return exc.status
