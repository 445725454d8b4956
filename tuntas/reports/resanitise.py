"""Cleaning files stored before uploads were sanitised (``manage.py sanitise_attachments``).

Files uploaded before the current checks may still carry what they do not carry today:
a JPEG comment (COM) that survived re-encoding, or a PDF stored byte for byte with its
Author, Creator, scripts and embedded files. Each stored attachment is rewritten by the
same code as a new upload (``uploads.clean_content``); a file that changes is saved under
a new random path, its row updated (size, hash) and the old file deleted after the
commit, with one audit event per file (kept out of the report's timeline). A file that
cannot be opened any more is left as it is and counted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import Visibility
from tuntas.audit.services import record_event
from tuntas.core.errors import ValidationFailed
from tuntas.reports.models import Attachment
from tuntas.reports.uploads import clean_content


@dataclass
class Result:
    checked: int = 0
    cleaned: int = 0
    unreadable: int = 0
    missing: int = 0


def sanitise_stored_attachments(*, actor: User | None, now: datetime | None = None) -> Result:
    now = now or timezone.now()
    result = Result()
    for pk in Attachment.objects.order_by("pk").values_list("pk", flat=True).iterator():
        result.checked += 1
        outcome = _sanitise_one(pk, actor=actor, now=now)
        if outcome == "cleaned":
            result.cleaned += 1
        elif outcome == "unreadable":
            result.unreadable += 1
        elif outcome == "missing":
            result.missing += 1
    return result


def _sanitise_one(pk: int, *, actor: User | None, now: datetime) -> str:
    attachment = Attachment.objects.select_related("report").get(pk=pk)
    try:
        with attachment.file.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, OSError):
        return "missing"
    try:
        clean = clean_content(content, attachment.content_type, attachment.original_name, "file")
    except ValidationFailed:
        return "unreadable"
    if clean == content:
        return "unchanged"
    old_name = attachment.file.name or ""
    storage = attachment.file.storage
    with transaction.atomic():
        locked = Attachment.objects.select_for_update().get(pk=pk)
        locked.file.save(locked.original_name, ContentFile(clean), save=False)
        locked.size = len(clean)
        locked.sha256 = hashlib.sha256(clean).hexdigest()
        locked.save(update_fields=["file", "size", "sha256"])
        record_event(
            action=AuditAction.ATTACHMENT_SANITISED,
            actor=actor,
            now=now,
            # Maintenance, not a step of the report: kept out of its timeline.
            organisation=attachment.report.pemda,
            visibility=Visibility.STAFF,
            data={
                "report": attachment.report.tracking_id,
                "attachment": pk,
                "bytes_before": len(content),
                "bytes_after": len(clean),
            },
        )
        if old_name:
            transaction.on_commit(lambda: storage.delete(old_name))
    return "cleaned"
