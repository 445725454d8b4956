"""Helpers for API tests: small valid files and a snapshot of everything a write touches."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.pdfs import minimal_pdf
from tuntas.audit.models import AuditEvent
from tuntas.outbox.models import Notification, OutboxMessage
from tuntas.reports.models import (
    Assignment,
    Attachment,
    Clock,
    Feedback,
    FieldCheck,
    FollowUp,
    Message,
    Report,
)


def png(name: str = "foto.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf(name: str = "berita-acara.pdf") -> SimpleUploadedFile:
    content = minimal_pdf()
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def disguised(name: str = "foto.jpg") -> SimpleUploadedFile:
    """A script pretending to be a photo."""
    return SimpleUploadedFile(name, b"<?php system($_GET['c']); ?>", content_type="image/jpeg")


MODELS: list[Any] = [
    Report,
    AuditEvent,
    Assignment,
    Attachment,
    Clock,
    Feedback,
    FieldCheck,
    FollowUp,
    Message,
    OutboxMessage,
    Notification,
]


def snapshot() -> dict[str, Any]:
    """Row counts of everything an action writes, and every report's status."""
    state: dict[str, Any] = {m.__name__: m._default_manager.count() for m in MODELS}
    # Sign-ins are audited too; what a refused action must not write is report events.
    state["AuditEvent"] = AuditEvent.objects.filter(report__isnull=False).count()
    state["statuses"] = dict(Report.objects.values_list("tracking_id", "status"))
    state["privacy"] = list(
        Report.objects.order_by("pk").values_list("is_anonymous", "is_confidential")
    )
    return state


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is the structured error with ``status`` (and ``code``)."""
    assert response.status_code == status, (response.status_code, response.content)
    body = response.json()
    assert set(body) == {"error"}, body
    error: dict[str, Any] = body["error"]
    assert set(error) == {"code", "message", "fields"}, error
    assert error["message"], error
    if code is not None:
        assert error["code"] == code, error
    return error
