"""The hostile corpus: small files and bodies that once made Tuntas leak or fail.

Every file is generated here (a decompression bomb is a few hundred bytes that declare
20000 x 20000 pixels; nothing big lives in git). Each carries markers (the reporter's
name, a phone number, a GPS position, a script) that a test can search for in what was
stored. ``REFUSED`` must be refused at every upload endpoint with nothing stored;
``CLEANED`` must be accepted and stored without any of its markers.
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from PIL import ExifTags, Image, PngImagePlugin

# What identifies the reporter, or runs, in the hostile files: never in a stored file.
MARKERS = (
    b"Siti Rahmawati",
    b"0812 5555 0199",
    b"KameraSiti",
    b"ScannerPelapor",
    b"app.alert",
    b"JavaScript",
    b"tracker.invalid",
    b"cmd.exe",
    b"6301234567890001",
    b"GPSLatitude",
)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A valid PNG header declaring ``width`` x ``height`` pixels, with almost no data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def jpeg_with_comment_and_gps() -> bytes:
    """A photo with a COM segment (survived re-encoding once), EXIF GPS and owner, XMP."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "KameraSiti"
    exif[ExifTags.Base.Artist] = "Siti Rahmawati"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (3.0, 0.0, 5.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (114.0, 23.0, 10.0)
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="3,0.1S"/>'
        b"</rdf:RDF></x:xmpmeta>"
    )
    out = io.BytesIO()
    Image.new("RGB", (48, 32), (10, 120, 10)).save(
        out,
        format="JPEG",
        exif=exif.tobytes(),
        comment=b"Siti Rahmawati 0812 5555 0199",
        xmp=xmp,
    )
    return out.getvalue()


def png_with_text() -> bytes:
    text = PngImagePlugin.PngInfo()
    text.add_text("Author", "Siti Rahmawati")
    text.add_itxt("Comment", "0812 5555 0199")
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (1, 2, 3)).save(out, format="PNG", pnginfo=text)
    return out.getvalue()


def hostile_pdf() -> bytes:
    """Author/Creator and XMP, an open action and a names-tree script, a page action, a
    link and a launch action, an embedded file (a KTP number) and a JPEG with EXIF."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    page = pdf.pages[0]
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Siti Rahmawati"]
        meta["xmp:CreatorTool"] = "ScannerPelapor 1.0"
    pdf.docinfo["/Author"] = "Siti Rahmawati"
    pdf.docinfo["/Creator"] = "ScannerPelapor di HP 0812 5555 0199"
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=pdf.make_stream(b"app.alert(1);"))
    script = Dictionary(S=Name.JavaScript, JS=String("app.alert('tracker.invalid');"))
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(Names=Array([String("x"), pdf.make_indirect(script)]))
    )
    pdf.attachments["ktp.txt"] = pikepdf.AttachedFileSpec(
        pdf,
        b"NIK 6301234567890001 Siti Rahmawati",
        description="KTP Siti Rahmawati",
        filename="ktp.txt",
        mime_type="text/plain",
        creation_date="",
        mod_date="",
    )
    page.obj.AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String("app.alert(2)")))
    link = Dictionary(
        Type=Name.Annot,
        Subtype=Name.Link,
        Rect=Array([0, 0, 50, 50]),
        A=Dictionary(S=Name.URI, URI=String("http://tracker.invalid/siti")),
    )
    note = Dictionary(
        Type=Name.Annot,
        Subtype=Name.Text,
        Rect=Array([50, 50, 60, 60]),
        Contents=String("catatan"),
        A=Dictionary(S=Name.Launch, F=String("cmd.exe")),
    )
    page.obj.Annots = Array([pdf.make_indirect(link), pdf.make_indirect(note)])
    photo = jpeg_with_comment_and_gps()
    image = pdf.make_stream(
        photo,
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=48,
        Height=32,
        ColorSpace=Name.DeviceRGB,
        BitsPerComponent=8,
        Filter=Name.DCTDecode,
    )
    page.obj.Resources = Dictionary(XObject=Dictionary(Im0=image))
    page.obj.Contents = pdf.make_stream(b"q 48 0 0 32 10 10 cm /Im0 Do Q")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user="rahasia", owner="rahasia"))
    return out.getvalue()


def broken_pdf() -> bytes:
    return b"%PDF-1.7\n" + b"1 0 obj << /Type /Catalog /Pages 9 0 R" * 20 + b"\n%%EOF\n"


@dataclass(frozen=True)
class HostileFile:
    id: str
    name: str
    content: Callable[[], bytes]


REFUSED = [
    HostileFile("png-bomb-20000x20000", "bom.png", bomb_png),
    HostileFile("png-bomb-9000x9000", "bom.png", lambda: bomb_png(9000, 9000)),
    HostileFile("pdf-with-password", "terkunci.pdf", encrypted_pdf),
    HostileFile("pdf-broken", "rusak.pdf", broken_pdf),
]
CLEANED = [
    HostileFile("jpeg-com-exif-gps-xmp", "KTP_Siti.jpg", jpeg_with_comment_and_gps),
    HostileFile("png-text-chunks", "Siti_Rahmawati.png", png_with_text),
    HostileFile("pdf-javascript-embedded-metadata", "Surat_Siti.pdf", hostile_pdf),
]


def nested_json(depth: int = 50_000) -> str:
    """``{"title": [[[[...]]]]}``: Python's json once recursed until RecursionError."""
    return '{"title": ' + "[" * depth + "]" * depth + "}"


def large_json(size: int = 3 * 1024 * 1024) -> str:
    return json.dumps({"title": "Laporan", "description": "x" * size})


def stored_bytes_are_clean(content: bytes) -> list[bytes]:
    """The markers found in ``content`` (PDF streams are inflated first): none, when clean."""
    found = [m for m in MARKERS if m in content]
    if content.startswith(b"%PDF-"):
        try:
            pdf = pikepdf.open(io.BytesIO(content))
        except pikepdf.PikepdfError:
            return found
        with pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Stream):
                    try:
                        data = obj.read_bytes()
                    except pikepdf.PdfError:
                        data = obj.read_raw_bytes()
                    found += [m for m in MARKERS if m in data and m not in found]
                found += [m for m in MARKERS if m in repr(obj).encode() and m not in found]
    return found
