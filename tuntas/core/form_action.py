"""One way every page posts a form to an action: validate, act, say what happened.

``submit_form`` validates the form, runs the action, and on success shows ``done`` and
redirects; when the form is invalid or the action refuses (``ApplicationError``), it puts
the field errors on the form, shows the message and lets the page render itself again
with the refusal's status (400, 403, 404, 409). Nothing is changed by a refused action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_stubs_ext import StrOrPromise

from tuntas.core.errors import ApplicationError, ValidationFailed

# Renders the page again after a refusal: (status, the refusal) -> response.
Refused = Callable[[int, ApplicationError], HttpResponse]


def show_refusal(request: HttpRequest, exc: ApplicationError, form: forms.Form | None) -> int:
    """Put a refusal's field errors on ``form`` and its message on the page; the status
    to render the page with."""
    if isinstance(exc, ValidationFailed) and form is not None:
        for name, errors in exc.errors.items():
            form.add_error(name if name in form.fields else None, errors)
    messages.error(request, exc.message)
    return exc.status


def submit_form(
    request: HttpRequest,
    form: forms.Form,
    act: Callable[[], Any],
    *,
    done: StrOrPromise | Callable[[Any], StrOrPromise],
    then: str | Callable[[Any], HttpResponse],
    refused: Refused,
    check: Callable[[], None] | None = None,
) -> HttpResponse:
    """Run ``act`` with a valid ``form``; ``check`` refuses before the input is read.

    ``then`` is a URL (or URL name) to redirect to, or a function of the action's
    result that answers; ``done`` is the success message (or a function of the result).
    """
    try:
        if check is not None:
            check()
        if not form.is_valid():
            raise ValidationFailed({})
        result = act()
    except ApplicationError as exc:
        return refused(show_refusal(request, exc, form), exc)
    messages.success(request, str(done(result) if callable(done) else done))
    return then(result) if callable(then) else redirect(then)
