"""A session's proof that it knows a report's access code (tracking ID + code)."""

from __future__ import annotations

from django.http import HttpRequest

SESSION_KEY = "proven_reports"
MAX_PROOFS = 50


def proven_reports(request: HttpRequest) -> list[str]:
    value = request.session.get(SESSION_KEY, [])
    return [str(v) for v in value] if isinstance(value, list) else []


def has_proof(request: HttpRequest, tracking_id: str) -> bool:
    return tracking_id in proven_reports(request)


def remember_proof(request: HttpRequest, tracking_id: str) -> None:
    """Remember the proof; a new session key guards against session fixation."""
    proofs = [t for t in proven_reports(request) if t != tracking_id]
    proofs.append(tracking_id)
    request.session.cycle_key()
    request.session[SESSION_KEY] = proofs[-MAX_PROOFS:]
