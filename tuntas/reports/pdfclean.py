"""Sanitising an uploaded PDF with pikepdf (qpdf) before it is stored.

A PDF a reporter uploads may carry who made it (document info: Author, Creator,
Producer; XMP metadata), things that run or call out when it is opened (JavaScript,
open actions, additional actions on pages, annotations and form fields, links,
launch and submit actions, XFA forms) and other files (embedded files, associated
files, file attachment annotations). A phone scanning app may also embed the original
photo with its EXIF GPS position.

``sanitise_pdf`` keeps the pages and what draws them (content, fonts, images,
appearance streams of annotations and filled-in form fields) and drops the rest:

- the trailer's document info and ID; every ``/Metadata`` stream (document, pages,
  images, fonts); ``/PieceInfo`` (application private data);
- in the document catalog everything but the page tree and reading aids (page labels,
  language, layout, structure tree): names tree (JavaScript, embedded files), open
  action, additional actions, outlines (bookmarks may carry actions), interactive
  form (AcroForm, XFA), URI base, associated files;
- ``/A``, ``/AA``, ``/JS`` and embedded-file entries in every object, and link, file
  attachment, screen, movie, sound, rich media and 3D annotations on every page;
- APP segments (EXIF, XMP, ICC, Photoshop) and comments of JPEG images, losslessly.

The result is written again by qpdf (only objects still reachable are written, so the
bytes of what was removed are gone) with a document ID derived from the content.
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, Stream

# The document catalog keeps only these entries.
CATALOG_KEEP = frozenset(
    {
        "/Type",
        "/Pages",
        "/PageLabels",
        "/Lang",
        "/PageLayout",
        "/PageMode",
        "/MarkInfo",
        "/StructTreeRoot",
        "/Version",
    }
)
# Removed from every dictionary (actions, scripts, metadata, attached files).
REMOVED_KEYS = (
    "/A",
    "/AA",
    "/OpenAction",
    "/JS",
    "/JavaScript",
    "/Metadata",
    "/PieceInfo",
    "/EmbeddedFiles",
    "/EF",
    "/AF",
    "/URI",
    "/XFA",
    "/RichMediaContent",
)
# Annotations that only link, play, attach or call out: dropped from every page.
DROPPED_ANNOTATIONS = frozenset(
    {"/Link", "/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D"}
)
# JPEG markers kept: APP14 (Adobe: colour transform) among the APPn; no COM.
_APP14 = 0xEE
_COM = 0xFE
_SOS = 0xDA
_EOI = 0xD9
# Nested direct objects deeper than this are not walked (a hostile file's trap).
MAX_DEPTH = 64


class PdfRefused(ValueError):
    """The file is not a PDF pikepdf can open (broken, or locked with a password)."""


def sanitise_pdf(content: bytes) -> bytes:
    """The PDF without metadata, scripts, actions, links or embedded files."""
    try:
        with Pdf.open(io.BytesIO(content)) as pdf:
            _clean(pdf)
            out = io.BytesIO()
            pdf.save(
                out,
                preserve_pdfa=False,
                fix_metadata_version=False,
                deterministic_id=True,
                encryption=False,
            )
    except pikepdf.PasswordError as exc:
        raise PdfRefused("password") from exc
    except (pikepdf.PikepdfError, ValueError, TypeError, KeyError, RuntimeError) as exc:
        raise PdfRefused(str(exc)) from exc
    except RecursionError as exc:
        raise PdfRefused("too deep") from exc
    return out.getvalue()


def _clean(pdf: Pdf) -> None:
    for key in ("/Info", "/ID"):
        if key in pdf.trailer:
            del pdf.trailer[key]
    root = pdf.Root
    for key in list(root.keys()):
        if key not in CATALOG_KEEP:
            del root[key]
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if isinstance(annots, Array):
            kept = [a for a in annots if _annotation_kept(a)]
            page.obj["/Annots"] = Array(kept)
    for obj in pdf.objects:
        _scrub(obj, 0)


def _annotation_kept(annotation: object) -> bool:
    if not isinstance(annotation, Dictionary):
        return False
    return str(annotation.get("/Subtype", "")) not in DROPPED_ANNOTATIONS


def _scrub(obj: object, depth: int) -> None:
    """Remove unsafe keys from ``obj`` and the direct objects inside it."""
    if depth > MAX_DEPTH:
        return
    if isinstance(obj, Dictionary | Stream):
        for key in REMOVED_KEYS:
            if key in obj:
                del obj[key]
        if isinstance(obj, Stream) and depth == 0:
            _strip_jpeg(obj)
        for key in list(obj.keys()):
            child = obj[key]
            if isinstance(child, Dictionary | Array) and not child.is_indirect:
                _scrub(child, depth + 1)
    elif isinstance(obj, Array):
        for child in obj:
            if isinstance(child, Dictionary | Array) and not child.is_indirect:
                _scrub(child, depth + 1)


def _strip_jpeg(stream: Stream) -> None:
    """Rewrite a JPEG image stream (``/DCTDecode`` only) without its APP and COM segments."""
    filters = stream.get("/Filter")
    if filters != Name.DCTDecode and not (
        isinstance(filters, Array) and len(filters) == 1 and filters[0] == Name.DCTDecode
    ):
        return
    raw = stream.read_raw_bytes()
    clean = strip_jpeg_segments(raw)
    if clean != raw:
        parms = stream.get("/DecodeParms")
        kept = parms if isinstance(parms, Dictionary | Array) else None
        stream.write(clean, filter=Name.DCTDecode, decode_parms=kept)


def strip_jpeg_segments(data: bytes) -> bytes:
    """The JPEG without APPn (except Adobe APP14) and COM segments, nor bytes after EOI.

    The image data itself is copied unchanged. Data that is not a well-formed JPEG is
    returned as it is (the viewer will show it as broken either way).
    """
    if not data.startswith(b"\xff\xd8"):
        return data
    out = bytearray(b"\xff\xd8")
    i, n = 2, len(data)
    while i + 1 < n:
        if data[i] != 0xFF:
            return data
        if data[i + 1] == 0xFF:  # fill byte
            i += 1
            continue
        marker = data[i + 1]
        if marker == _EOI:
            out += b"\xff\xd9"
            return bytes(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += data[i : i + 2]
            i += 2
            continue
        if i + 4 > n:
            return data
        end = i + 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        if end > n:
            return data
        dropped = marker == _COM or (0xE0 <= marker <= 0xEF and marker != _APP14)
        if not dropped:
            out += data[i:end]
        i = end
        if marker == _SOS:
            j = _end_of_scan(data, i)
            out += data[i:j]
            i = j
    return bytes(out)


def _end_of_scan(data: bytes, start: int) -> int:
    """Where the entropy-coded data after SOS ends: the next marker that is not RSTn or a
    stuffed zero."""
    j = start
    n = len(data)
    while True:
        j = data.find(b"\xff", j)
        if j < 0 or j + 1 >= n:
            return n
        following = data[j + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            j += 2
        elif following == 0xFF:
            j += 1
        else:
            return j
