"""The plain text short channels (WhatsApp, SMS) carry: the message and its link."""

from __future__ import annotations

from django.conf import settings

ELLIPSIS = "…"


def absolute_link(link: str) -> str:
    """The site's own path as a full URL; anything but a local path gives ''."""
    if not link.startswith("/") or link.startswith("//"):
        return ""
    return f"{settings.TUNTAS_SITE_URL}{link}"


def fit(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending with … when cut."""
    if len(text) <= limit:
        return text
    return text[: max(limit - len(ELLIPSIS), 0)].rstrip() + ELLIPSIS


def short_text(body: str, link: str, limit: int, subject: str = "") -> str:
    """Subject (optional), body and link in at most ``limit`` characters; the body is
    shortened first so the link always survives."""
    url = absolute_link(link)
    tail = f"\n{url}" if url else ""
    head = f"{subject}\n" if subject else ""
    room = limit - len(head) - len(tail)
    if room < 20:  # a subject too long to leave room for the body: drop it
        head, room = "", limit - len(tail)
    return fit(f"{head}{fit(body, room)}{tail}", limit)
