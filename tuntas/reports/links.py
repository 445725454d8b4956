"""Links sent to a reporter that act for them without an account: signed, expiring, and
good for one decision (the thing they decide on records that it was decided).

A link names what it is for (``kind``), the report and the object it decides on; it is
signed with the deployment's secret (``django.core.signing``) and refused after
``max_age`` or once used. Following one proves the reporter as an access code would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "tuntas.reporter-link"


@dataclass(frozen=True)
class LinkTarget:
    kind: str
    tracking_id: str
    object_id: int


def make_token(kind: str, tracking_id: str, object_id: int) -> str:
    return signing.dumps({"k": kind, "r": tracking_id, "o": object_id}, salt=SALT, compress=True)


def reporter_link(kind: str, tracking_id: str, object_id: int) -> str:
    """The absolute address of a link for the reporter."""
    path = reverse("citizen:link", args=[make_token(kind, tracking_id, object_id)])
    return f"{settings.TUNTAS_SITE_URL}{path}"


def read_token(token: str, *, max_age: timedelta) -> LinkTarget | None:
    """What a link is for, or None if it was altered or is too old."""
    try:
        raw = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(raw, dict):
        return None
    kind, tracking_id, object_id = raw.get("k"), raw.get("r"), raw.get("o")
    if not (isinstance(kind, str) and isinstance(tracking_id, str) and isinstance(object_id, int)):
        return None
    return LinkTarget(kind, tracking_id, object_id)
