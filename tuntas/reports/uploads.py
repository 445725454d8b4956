"""Attachments: type checked by content, size limited, metadata stripped from photos."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tuntas.accounts.models import User
from tuntas.core.errors import ValidationFailed
from tuntas.reports.models import Attachment, AttachmentKind, FieldCheck, FollowUp, Report

# Detected MIME type -> extensions a file of that type may carry.
ALLOWED: dict[str, tuple[str, ...]] = {
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
    "image/webp": ("webp",),
    "application/pdf": ("pdf",),
}
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    content: bytes


def check_upload(upload: UploadedFile[bytes], field: str = "attachments") -> CheckedFile:
    name = (upload.name or "berkas").rsplit("/", 1)[-1][:200]
    limit = settings.TUNTAS_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationFailed(
            {
                field: [
                    _("Berkas %(name)s terlalu besar (maksimal %(mb)s MB).")
                    % {"name": name, "mb": limit // (1024 * 1024)}
                ]
            }
        )
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationFailed(
            {
                field: [
                    _("Berkas %(name)s terlalu besar (maksimal %(mb)s MB).")
                    % {"name": name, "mb": limit // (1024 * 1024)}
                ]
            }
        )
    if not content:
        raise ValidationFailed({field: [_("Berkas %(name)s kosong.") % {"name": name}]})
    kind = filetype.guess(content)
    mime = kind.mime if kind is not None else ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if mime not in ALLOWED or extension not in ALLOWED[mime]:
        raise ValidationFailed(
            {
                field: [
                    _(
                        "Berkas %(name)s ditolak: hanya foto JPG, PNG, WebP atau dokumen PDF "
                        "yang isinya sesuai dengan ekstensinya."
                    )
                    % {"name": name}
                ]
            }
        )
    if mime in IMAGE_FORMATS:
        content = _strip_image_metadata(content, mime, name, field)
    elif not content.startswith(b"%PDF-"):
        raise ValidationFailed({field: [_("Berkas %(name)s bukan PDF yang sah.") % {"name": name}]})
    return CheckedFile(name=name, content_type=mime, content=content)


def _strip_image_metadata(content: bytes, mime: str, name: str, field: str) -> bytes:
    """Re-encode the picture so EXIF data (GPS position, camera owner) never leaks."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            image.verify()
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > 60_000_000:
                raise ValidationFailed(
                    {field: [_("Gambar %(name)s terlalu besar.") % {"name": name}]}
                )
            # Turn the pixels as the camera's Orientation tag says before the tag goes,
            # or portrait phone photos would show sideways once EXIF is stripped.
            clean = ImageOps.exif_transpose(image)
            for key in ("exif", "xmp", "XML:com.adobe.xmp"):
                clean.info.pop(key, None)
            if mime == "image/jpeg" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            out = io.BytesIO()
            clean.save(out, format=IMAGE_FORMATS[mime], quality=90)
            return out.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationFailed(
            {field: [_("Gambar %(name)s rusak atau tidak dapat dibaca.") % {"name": name}]}
        ) from exc


def check_uploads(
    uploads: list[UploadedFile[bytes]], field: str = "attachments"
) -> list[CheckedFile]:
    limit = settings.TUNTAS_MAX_ATTACHMENTS
    if len(uploads) > limit:
        raise ValidationFailed({field: [_("Maksimal %(n)s lampiran.") % {"n": limit}]})
    return [check_upload(u, field) for u in uploads]


def store(
    report: Report,
    files: list[CheckedFile],
    *,
    kind: AttachmentKind,
    user: User | None,
    now: datetime,
    field_check: FieldCheck | None = None,
    followup: FollowUp | None = None,
) -> list[Attachment]:
    stored: list[Attachment] = []
    for f in files:
        attachment = Attachment(
            report=report,
            kind=kind,
            original_name=f.name,
            content_type=f.content_type,
            size=len(f.content),
            sha256=hashlib.sha256(f.content).hexdigest(),
            uploaded_by=user,
            created_at=now,
            field_check=field_check,
            followup=followup,
        )
        attachment.file.save(f.name, ContentFile(f.content), save=False)
        attachment.save()
        stored.append(attachment)
    return stored
