"""Signing in for a token and revoking it are audited."""

from __future__ import annotations

from rest_framework.test import APIClient

from tests.two_factor import current_code
from tuntas.audit.models import AuditEvent


def test_token_sign_in_and_revocation_are_audited(demo):
    user = demo.users["kapuas.koordinator"]
    client = APIClient()
    credentials = {"username": "kapuas.koordinator", "password": "tuntas-demo"}
    response = client.post("/api/auth/token/", {**credentials, "otp": current_code(user)})
    assert response.status_code == 200
    token = response.json()["token"]
    again = client.post("/api/auth/token/", {**credentials, "otp": current_code(user)})
    assert again.status_code == 200
    assert again.json()["token"] != token  # every sign-in issues its own token
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.delete("/api/auth/token/").status_code == 204
    events = list(
        AuditEvent.objects.filter(actor=user).order_by("id").values_list("action", "data")
    )
    assert [action for action, _data in events] == [
        "api_token_issued",
        "api_token_issued",
        "api_token_revoked",
    ]
    assert events[0][1]["second_factor"] == "totp"
    assert events[2][1]["token_id"] == response.json()["token_id"]
