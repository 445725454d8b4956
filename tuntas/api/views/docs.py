"""The schema and its two readers, with every asset served locally (no CDN)."""

from __future__ import annotations

from drf_spectacular.views import SpectacularRedocView


class RedocView(SpectacularRedocView):
    template_name = "api/redoc.html"
