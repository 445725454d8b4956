"""Anonymous submissions with attachments (multipart), and files that lie about their type."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.api.helpers import assert_error, disguised, pdf, png, snapshot
from tuntas.reports.models import Attachment, Report

FORM = {
    "title": "Sampah menumpuk di pasar",
    "description": "Sampah di Pasar Kapuas Hilir tidak diangkut sejak lima hari, bau sekali.",
    "classification": "complaint",
    "pemda": "kapuas",
    "reporter_phone": "0812 9999 0000",
}


def jpeg_with_gps() -> SimpleUploadedFile:
    image = Image.new("RGB", (8, 8), (10, 120, 10))
    exif = Image.Exif()
    exif[0x010F] = "KameraPelapor"  # Make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("pasar.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_an_anonymous_reporter_submits_photos_and_a_pdf(demo, anon):
    r = anon.post(
        "/api/reports/",
        {**FORM, "attachments": [png(), pdf("surat.pdf")]},
        format="multipart",
    )
    assert r.status_code == 201, r.content
    report = Report.objects.get(tracking_id=r.json()["tracking_id"])
    assert report.reporter is None
    assert sorted(report.attachments.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]
    # A form that leaves the privacy boxes out keeps the safe defaults.
    assert report.is_anonymous and report.is_confidential


def test_photo_metadata_is_stripped(demo, anon):
    r = anon.post("/api/reports/", {**FORM, "attachments": [jpeg_with_gps()]}, format="multipart")
    assert r.status_code == 201, r.content
    stored = Attachment.objects.get(report__tracking_id=r.json()["tracking_id"])
    with stored.file.open("rb") as handle:
        assert b"KameraPelapor" not in handle.read()


def test_the_reporter_downloads_their_own_evidence_with_the_code(demo, anon):
    r = anon.post("/api/reports/", {**FORM, "attachments": [png()]}, format="multipart")
    tid, code = r.json()["tracking_id"], r.json()["access_code"]
    view = anon.get(f"/api/reports/{tid}/", HTTP_X_ACCESS_CODE=code).json()
    url = view["attachments"][0]["url"]
    assert_error(anon.get(url), 401)
    assert_error(anon.get(url, HTTP_X_ACCESS_CODE="SALAHSAL"), 404)
    download = anon.get(url, HTTP_X_ACCESS_CODE=code)
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="{tid}-1.png"'
    assert view["attachments"][0]["name"] == f"{tid}-1.png"


def test_a_disguised_file_is_refused_and_nothing_is_created(demo, anon):
    before = snapshot()
    r = anon.post(
        "/api/reports/", {**FORM, "attachments": [png(), disguised()]}, format="multipart"
    )
    error = assert_error(r, 400, "validation_error")
    assert list(error["fields"]) == ["attachments"]
    assert "foto.jpg" in error["fields"]["attachments"][0]
    assert snapshot() == before


def test_a_pdf_named_like_a_photo_is_refused(demo, anon):
    before = snapshot()
    r = anon.post("/api/reports/", {**FORM, "attachments": [pdf("foto.png")]}, format="multipart")
    assert_error(r, 400)
    assert snapshot() == before


def test_too_many_attachments_are_refused(demo, anon, settings):
    settings.TUNTAS_MAX_ATTACHMENTS = 2
    before = snapshot()
    r = anon.post(
        "/api/reports/", {**FORM, "attachments": [png(), png(), png()]}, format="multipart"
    )
    assert "attachments" in assert_error(r, 400)["fields"]
    assert snapshot() == before


def test_privacy_flags_can_be_switched_off_in_a_form(demo, anon):
    r = anon.post(
        "/api/reports/",
        {**FORM, "is_anonymous": "false", "is_confidential": "false"},
        format="multipart",
    )
    report = Report.objects.get(tracking_id=r.json()["tracking_id"])
    assert not report.is_anonymous and not report.is_confidential
