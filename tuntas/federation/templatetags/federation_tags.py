"""The staff navigation's "Federasi" link, and the staff report page's link to forward a
report to a peer deployment (the staff pages import no federation code)."""

from __future__ import annotations

from django import template

from tuntas.accounts.models import User
from tuntas.federation.models import Peer
from tuntas.federation.peers import may_manage_peers

register = template.Library()


@register.simple_tag
def may_manage_federation(user: User) -> bool:
    """Whether to show the "Federasi" link (coordinators and national admins)."""
    return bool(user.is_authenticated and may_manage_peers(user))


@register.simple_tag
def active_peers_exist() -> bool:
    """Whether a report can be forwarded anywhere: some peer deployment is active."""
    return Peer.objects.filter(is_active=True).exists()
