"""One document, two formats: Open311 answers in XML (required) and JSON.

Documents are plain Python values (dicts in element order, lists, str, bool, numbers,
datetimes, None). JSON writes them as they are (the spec's Spark convention: a list
element becomes an array). XML writes a dict as child elements, a list as repeated
items named by ``ITEM_NAMES`` (``<services><service>``, ``<errors><error>`` ...), and
leaves out elements whose value is None ("may not be returned").
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse

JSON = "json"
XML = "xml"
FORMATS = (XML, JSON)
CONTENT_TYPES = {
    JSON: "application/json; charset=utf-8",
    XML: "text/xml; charset=utf-8",
}
MIME_TYPES = ["text/xml", "application/json"]  # as discovery lists them

# The element each item of a list is written as, by the list's element name.
ITEM_NAMES = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
    "service_requests": "request",
}


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    return str(value)


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, Mapping):
        for name, child in value.items():
            if child is None:
                continue
            _fill(ET.SubElement(element, name), child)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        item_name = ITEM_NAMES[element.tag]
        for item in value:
            _fill(ET.SubElement(element, item_name), item)
    else:
        element.text = _scalar(value)


def to_xml(root: str, document: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, document)
    body: bytes = ET.tostring(element, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"Cannot write {type(value).__name__} as JSON")


def to_json(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, default=_json_default).encode("utf-8")


def render(fmt: str, root: str, document: Any, *, status: int = 200) -> HttpResponse:
    """``document`` as ``fmt`` (XML under the ``root`` element)."""
    body = to_json(document) if fmt == JSON else to_xml(root, document)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def render_errors(
    fmt: str, status: int, descriptions: list[str], headers: dict[str, str] | None = None
) -> HttpResponse:
    """The spec's error list: ``[{code, description}]`` / ``<errors><error>``."""
    document = [{"code": status, "description": text} for text in descriptions]
    response = render(fmt if fmt in FORMATS else XML, "errors", document, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response
