"""Signing in for a token and revoking it are audited."""

from __future__ import annotations

from rest_framework.test import APIClient

from tuntas.audit.models import AuditEvent


def test_token_sign_in_and_revocation_are_audited(demo):
    client = APIClient()
    response = client.post(
        "/api/auth/token/", {"username": "kapuas.koordinator", "password": "tuntas-demo"}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    again = client.post(
        "/api/auth/token/", {"username": "kapuas.koordinator", "password": "tuntas-demo"}
    )
    assert again.json()["token"] == token
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.delete("/api/auth/token/").status_code == 204
    actions = list(
        AuditEvent.objects.filter(actor=demo.users["kapuas.koordinator"]).values_list(
            "action", flat=True
        )
    )
    assert actions == ["api_token_issued", "api_sign_in", "api_token_revoked"]
