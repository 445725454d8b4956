"""How the sign-in methods appear in the OpenAPI schema (loaded by ``AccountsConfig.ready``).

The names are drf-spectacular's own for DRF's classes (``tokenAuth``, ``cookieAuth``), so
the schema reads as before: a token in ``Authorization: Token <key>``, or the session.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ExpiringTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]  # untyped base
    target_class = "tuntas.accounts.tokens.ExpiringTokenAuthentication"
    name = "tokenAuth"
    priority = 1

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "`Token <key>` from POST /api/auth/token/ (expires; revoke with "
                "DELETE /api/auth/tokens/<id>/)."
            ),
        }


class VerifiedSessionScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]  # untyped base
    target_class = "tuntas.accounts.tokens.VerifiedSessionAuthentication"
    name = "cookieAuth"
    priority = 1

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
