"""The one application error type, carrying a stable code and a translated message."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A refused request: bad input, forbidden transition or missing permission.

    ``code`` is stable and machine-readable (used by the API); ``message`` is a
    translated sentence for people; ``status`` is the HTTP status to answer with.
    """

    status = 400

    def __init__(self, message: str, *, code: str = "invalid", extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = str(message)
        self.code = code
        self.extra = extra or {}


class ValidationFailed(ApplicationError):
    status = 400

    def __init__(self, errors: dict[str, list[str]], message: str | None = None):
        from django.utils.translation import gettext as _

        super().__init__(message or _("Data yang dikirim belum benar."), code="validation_error")
        self.errors = errors


class PermissionDenied(ApplicationError):
    status = 403

    def __init__(self, message: str, *, code: str = "permission_denied"):
        super().__init__(message, code=code)


class NotFound(ApplicationError):
    status = 404

    def __init__(self, message: str, *, code: str = "not_found"):
        super().__init__(message, code=code)


class Conflict(ApplicationError):
    status = 409

    def __init__(
        self, message: str, *, code: str = "conflict", extra: dict[str, Any] | None = None
    ):
        super().__init__(message, code=code, extra=extra)


class RateLimited(ApplicationError):
    """Too many requests (429); ``retry_after`` seconds until the next window."""

    status = 429

    def __init__(self, message: str, *, retry_after: int, code: str = "rate_limited"):
        super().__init__(message, code=code, extra={"retry_after": retry_after})
        self.retry_after = retry_after
