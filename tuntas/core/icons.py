"""``/favicon.ico``: browsers ask for it on every page whatever the page links to; answer
with the shipped icon (static ``tuntas/favicon.ico``) rather than a 404 in every log."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe


@require_safe
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    return HttpResponsePermanentRedirect(static("tuntas/favicon.ico"))
