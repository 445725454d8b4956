"""Attachments: type checked by content, size limited, every file rewritten clean.

Every upload path (the citizen's forms, the staff's action forms and intake, the API's
multipart bodies, the oversight evaluations) calls ``check_uploads``; nothing stores a
file that did not pass it. A photo is decoded and encoded again from its pixels only (no
EXIF, XMP, ICC profile, JPEG comment or PNG text survives); a PDF is rewritten by
``pdfclean.sanitise_pdf``. The uploaded file name is never kept: ``store`` names a file
after its report (``<tracking ID>-<n>.<ext>``), for the reporter, the staff and the API
alike (see docs/security.md, "Uploaded files").
"""

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
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from tuntas.accounts.models import User
from tuntas.core.errors import ValidationFailed
from tuntas.reports.models import Attachment, AttachmentKind, FieldCheck, FollowUp, Report
from tuntas.reports.pdfclean import PdfRefused, sanitise_pdf

# Detected MIME type -> extensions a file of that type may carry (the first is the one
# a stored file is named with).
ALLOWED: dict[str, tuple[str, ...]] = {
    "image/jpeg": ("jpg", "jpeg"),
    "image/png": ("png",),
    "image/webp": ("webp",),
    "application/pdf": ("pdf",),
}
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
# The most pixels a picture may declare (a 60-megapixel photo; 180 MB decoded as RGB).
# A "decompression bomb" declares far more in a few bytes; it is refused from its
# header, before any pixel is decoded. Pillow's own guard is set to the same figure for
# the whole process (it warns above it and raises above twice it).
MAX_IMAGE_PIXELS = 60_000_000
Image.MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks, rewritten clean. It keeps no uploaded name."""

    content_type: str
    content: bytes

    @property
    def extension(self) -> str:
        return ALLOWED[self.content_type][0]


def _too_big(field: str, name: str, limit: int) -> ValidationFailed:
    return ValidationFailed(
        {
            field: [
                _("Berkas %(name)s terlalu besar (maksimal %(mb)s MB).")
                % {"name": name, "mb": limit // (1024 * 1024)}
            ]
        }
    )


def check_upload(upload: UploadedFile[bytes], field: str = "attachments") -> CheckedFile:
    """The upload checked and rewritten, or ``ValidationFailed`` naming the file.

    The uploaded name appears only in the refusal shown to the person who sent it.
    """
    name = (upload.name or "berkas").replace("\\", "/").rsplit("/", 1)[-1][:200]
    limit = settings.TUNTAS_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise _too_big(field, name, limit)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise _too_big(field, name, limit)
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
    content = clean_content(content, mime, name, field)
    if len(content) > limit:  # re-encoding made it larger than the limit
        raise _too_big(field, name, limit)
    return CheckedFile(content_type=mime, content=content)


def clean_content(content: bytes, mime: str, name: str, field: str) -> bytes:
    """The file of type ``mime`` rewritten clean (``ValidationFailed`` if it cannot be)."""
    if mime in IMAGE_FORMATS:
        return _clean_image(content, mime, name, field)
    return _clean_pdf(content, name, field)


def _clean_pdf(content: bytes, name: str, field: str) -> bytes:
    if not content.startswith(b"%PDF-"):
        raise ValidationFailed({field: [_("Berkas %(name)s bukan PDF yang sah.") % {"name": name}]})
    try:
        return sanitise_pdf(content)
    except PdfRefused as exc:
        raise ValidationFailed(
            {
                field: [
                    _(
                        "Dokumen %(name)s tidak dapat dibuka: PDF rusak, kosong atau dilindungi "
                        "kata sandi. Simpan ulang sebagai PDF biasa lalu kirim lagi."
                    )
                    % {"name": name}
                ]
            }
        ) from exc


def _clean_image(content: bytes, mime: str, name: str, field: str) -> bytes:
    """Decode the picture and encode its pixels again, so no metadata can travel along:
    EXIF (GPS position, camera owner), XMP, JPEG comments (COM), PNG text chunks and the
    ICC profile (the pixels are converted to sRGB first) are all gone."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationFailed(
                    {field: [_("Gambar %(name)s terlalu besar.") % {"name": name}]}
                )
            image.verify()
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            # Turn the pixels as the camera's Orientation tag says before the tag goes,
            # or portrait phone photos would show sideways once EXIF is stripped.
            upright = ImageOps.exif_transpose(image)
            pixels = _fresh(upright, mime)
            out = io.BytesIO()
            pixels.save(out, format=IMAGE_FORMATS[mime], quality=90)
            return out.getvalue()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationFailed(
            {field: [_("Gambar %(name)s terlalu besar.") % {"name": name}]}
        ) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ValidationFailed(
            {field: [_("Gambar %(name)s rusak atau tidak dapat dibaca.") % {"name": name}]}
        ) from exc


def _fresh(image: Image.Image, mime: str) -> Image.Image:
    """A new image holding only the pixels of ``image`` (first frame), in a mode the
    target format writes, with an empty ``info`` (nothing for the encoder to copy)."""
    icc = image.info.get("icc_profile")
    if image.mode == "P" or image.mode == "PA":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    if mime == "image/jpeg" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if mime == "image/webp" and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    if mime == "image/png" and image.mode not in ("1", "L", "LA", "RGB", "RGBA", "I;16"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    if icc and image.mode in ("RGB", "RGBA"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=image.mode)
            if converted is not None:
                image = converted
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a profile that cannot be read: keep the pixels as they are
    return Image.frombytes(image.mode, image.size, image.tobytes())


def check_uploads(
    uploads: list[UploadedFile[bytes]], field: str = "attachments"
) -> list[CheckedFile]:
    limit = settings.TUNTAS_MAX_ATTACHMENTS
    if len(uploads) > limit:
        raise ValidationFailed({field: [_("Maksimal %(n)s lampiran.") % {"n": limit}]})
    return [check_upload(u, field) for u in uploads]


def neutral_name(report: Report, number: int, f: CheckedFile) -> str:
    """The name a stored file is shown and downloaded with: ``LPR-2503-ABC234-2.jpg``."""
    return f"{report.tracking_id}-{number}.{f.extension}"


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
    """Store checked files on ``report`` under neutral names (numbered per report)."""
    stored: list[Attachment] = []
    number = Attachment.objects.filter(report=report).count() if files else 0
    for f in files:
        number += 1
        name = neutral_name(report, number, f)
        attachment = Attachment(
            report=report,
            kind=kind,
            original_name=name,
            content_type=f.content_type,
            size=len(f.content),
            sha256=hashlib.sha256(f.content).hexdigest(),
            uploaded_by=user,
            created_at=now,
            field_check=field_check,
            followup=followup,
        )
        attachment.file.save(name, ContentFile(f.content), save=False)
        attachment.save()
        stored.append(attachment)
    return stored
