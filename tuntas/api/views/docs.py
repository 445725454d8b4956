"""The schema and its two readers, with every asset served locally (no CDN).

Swagger UI is the "split" view: its start-up script is served as a file from the same
address (``?script``), so the page needs no inline script under the Content-Security-
Policy. Both readers are third-party bundles that write their own styles (and ReDoc
starts a search worker from a ``blob:``), so these two pages, and only they, allow inline
styles and ``blob:`` workers (``tuntas.core.csp.DOCS_REPLACE``).
"""

from __future__ import annotations

from typing import Any

from csp.decorators import csp_replace
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

from tuntas.core.csp import DOCS_REPLACE


class RedocView(SpectacularRedocView):
    template_name = "api/redoc.html"


def swagger_view(**kwargs: Any) -> Any:
    return csp_replace(DOCS_REPLACE)(SpectacularSwaggerSplitView.as_view(**kwargs))


def redoc_view(**kwargs: Any) -> Any:
    return csp_replace(DOCS_REPLACE)(RedocView.as_view(**kwargs))
