"""Files stored before uploads were sanitised are rewritten clean by a command."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command

from tests.reports.helpers import make_report
from tests.security.hostile import hostile_pdf, jpeg_with_comment_and_gps, stored_bytes_are_clean
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import AuditEvent
from tuntas.reports.models import Attachment, AttachmentKind


def stored_raw(report, content: bytes, content_type: str, name: str) -> Attachment:
    """An attachment written the old way: the uploaded bytes, unchanged."""
    attachment = Attachment(
        report=report,
        kind=AttachmentKind.EVIDENCE,
        original_name=name,
        content_type=content_type,
        size=len(content),
        sha256="0" * 64,
        created_at=report.created_at,
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


def test_old_files_are_rewritten_without_markers_and_the_old_bytes_go(
    demo, django_capture_on_commit_callbacks
) -> None:
    report = make_report(demo)
    photo = stored_raw(report, jpeg_with_comment_and_gps(), "image/jpeg", "x-1.jpg")
    pdf = stored_raw(report, hostile_pdf(), "application/pdf", "x-2.pdf")
    broken = stored_raw(report, b"%PDF-1.4 rusak", "application/pdf", "x-3.pdf")
    old_paths = {a.pk: Path(a.file.path) for a in (photo, pdf)}
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sanitise_attachments", stdout=out)
    assert "cleaned 2, unreadable 1" in out.getvalue()
    for attachment in (photo, pdf):
        attachment.refresh_from_db()
        with attachment.file.open("rb") as handle:
            content = handle.read()
        assert stored_bytes_are_clean(content) == []
        assert attachment.size == len(content)
        assert not old_paths[attachment.pk].exists()
    broken.refresh_from_db()
    assert broken.size == len(b"%PDF-1.4 rusak")  # left as it was, counted
    events = AuditEvent.objects.filter(action=AuditAction.ATTACHMENT_SANITISED)
    assert sorted(e.data["attachment"] for e in events) == sorted([photo.pk, pdf.pk])
    assert {e.data["report"] for e in events} == {report.tracking_id}
    assert not events.filter(report__isnull=False).exists()  # not in the report's timeline
    # A second run finds nothing left to clean.
    again = io.StringIO()
    call_command("sanitise_attachments", stdout=again)
    assert "cleaned 0" in again.getvalue()
