"""The Content-Security-Policy (served by django-csp's middleware on every response).

Scripts only from Tuntas's own static files: no inline ``<script>``, no ``onclick=``, no
``eval`` (htmx is configured with ``allowEval: false``), no CDN. Styles from the static
files too; the few inline styles that remain are allowed one by one by their hash
(``'unsafe-hashes'`` for ``style=`` attributes), never with ``'unsafe-inline'``:

* the 500 page's ``<style>`` (it must render without static files);
* two ``style=`` attributes in the federation pages (their owner is moving them to CSS).

Only the API documentation pages (Swagger UI and ReDoc, third-party bundles that write
their own styles and start a search worker) get ``'unsafe-inline'`` styles and
``blob:`` workers, through ``docs_policy`` on those two views.
``tests/core/test_csp.py`` fails when a template gains an inline style not listed here.
"""

from __future__ import annotations

import base64
import hashlib

# <style> elements served as they are (tuntas/templates/500.html).
INLINE_STYLE_ELEMENTS = (
    "body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;"
    "line-height:1.5;color:#1b1f24}",
)
# style="..." attributes still in templates (tuntas/federation/templates/federation/).
INLINE_STYLE_ATTRIBUTES = (
    "overflow-wrap:anywhere",
    "width:100%;box-sizing:border-box",
)


def source_hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def directives() -> dict[str, list[str]]:
    styles = ["'self'"]
    if INLINE_STYLE_ATTRIBUTES:
        styles.append("'unsafe-hashes'")
    styles += [source_hash(s) for s in (*INLINE_STYLE_ELEMENTS, *INLINE_STYLE_ATTRIBUTES)]
    return {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": styles,
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }


# What the API documentation pages use instead (csp_replace on their views; with a hash in
# the list a browser would ignore 'unsafe-inline', so the list is replaced, not extended).
DOCS_REPLACE = {"style-src": ["'self'", "'unsafe-inline'"], "worker-src": ["'self'", "blob:"]}
