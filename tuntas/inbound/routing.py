"""Which regional government a received message is for (``InboundRoute``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tuntas.core.phones import international_digits
from tuntas.inbound.models import InboundChannel, InboundRoute

KEYWORD_RE = re.compile(r"^\s*([A-Za-z0-9_-]{2,30})\b[\s:.,-]*")


@dataclass(frozen=True)
class Routed:
    route: InboundRoute | None
    # The text to process: without the SMS keyword when a keyword picked the route.
    text: str


def _key(channel: str, destination: str) -> str:
    if channel == InboundChannel.SMS:
        return international_digits(destination) or destination.strip().upper()
    return destination.strip().lower()


def active_routes(channel: str) -> list[InboundRoute]:
    return list(
        InboundRoute.objects.filter(channel=channel, is_active=True).select_related("pemda")
    )


def route_for_destination(channel: str, destinations: list[str]) -> str:
    """The first destination that has an active route, else the first one (or "")."""
    if not destinations:
        return ""
    routed = {_key(channel, r.destination) for r in active_routes(channel)}
    for destination in destinations:
        if _key(channel, destination) in routed:
            return destination
    return destinations[0]


def find_route(channel: str, destination: str, text: str) -> Routed:
    """The active route for a message. SMS may also be routed by a keyword that opens
    the text (``LAPOR ...``); the keyword is then removed from the text."""
    routes = active_routes(channel)
    if channel == InboundChannel.SMS:
        found = KEYWORD_RE.match(text)
        if found:
            keyword = found.group(1).upper()
            for route in routes:
                if route.destination.strip().upper() == keyword:
                    return Routed(route, text[found.end() :].strip())
    wanted = _key(channel, destination)
    if wanted:
        for route in routes:
            if _key(channel, route.destination) == wanted:
                return Routed(route, text)
    return Routed(None, text)
