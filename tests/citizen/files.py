"""Tiny real files for upload tests."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.pdfs import minimal_pdf

PDF = minimal_pdf()


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (8, 8)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=fmt)
    return out.getvalue()


def png(name: str = "foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def jpeg(name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("JPEG"), content_type="image/jpeg")


def pdf(name: str = "surat.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def disguised_pdf(name: str = "foto.jpg") -> SimpleUploadedFile:
    """A PDF pretending to be a photo."""
    return SimpleUploadedFile(name, PDF, content_type="image/jpeg")


def text_as_png(name: str = "x.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"just some text, not a picture", content_type="image/png")
