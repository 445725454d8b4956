"""The staff report page's link to forward a report to a peer deployment (the staff pages
import no federation code; the "Federasi" settings entry is registered in ``apps.py``)."""

from __future__ import annotations

from django import template

from tuntas.federation.models import Peer

register = template.Library()


@register.simple_tag
def active_peers_exist() -> bool:
    """Whether a report can be forwarded anywhere: some peer deployment is active."""
    return Peer.objects.filter(is_active=True).exists()
