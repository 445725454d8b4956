"""The refusal an API key gets when it sends too many requests (HTTP 429)."""

from __future__ import annotations

from tuntas.core.errors import ApplicationError


class RateLimited(ApplicationError):
    """Over the key's requests per minute; ``retry_after`` seconds until the next window."""

    status = 429

    def __init__(self, message: str, *, retry_after: int, code: str = "api_key_rate_limited"):
        super().__init__(message, code=code, extra={"retry_after": retry_after})
        self.retry_after = retry_after
