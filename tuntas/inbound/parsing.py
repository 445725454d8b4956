"""Turn what a provider posts (WhatsApp JSON, SMS gateway fields, an RFC 822 e-mail)
into plain ``Parsed`` records. Nothing here touches the database."""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, MIMEPart
from email.utils import getaddresses, parseaddr
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs

from django.utils.translation import gettext as _

from tuntas.core import jsonsafe
from tuntas.core.phones import international_digits
from tuntas.inbound.addresses import normalise_email
from tuntas.inbound.models import InboundChannel

MEDIA_TYPES = frozenset({"image", "video", "audio", "document", "sticker"})


@dataclass
class Parsed:
    """One received message, before it is stored."""

    channel: InboundChannel
    provider_id: str
    sender: str = ""
    sender_name: str = ""
    # Where it was sent to, best candidate first (the first with a route wins).
    destinations: list[str] = field(default_factory=list)
    subject: str = ""
    text: str = ""
    attachment_count: int = 0
    # A reason known at parse time why the message cannot be processed.
    error: str = ""


def digest_id(raw: bytes) -> str:
    """A provider id for messages that bring none: the same bytes give the same id."""
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def raw_text(raw: bytes) -> str:
    """The bytes received, as text for the audit copy (invalid UTF-8 kept as escapes)."""
    return raw.decode("utf-8", errors="backslashreplace").replace("\x00", "\\x00")


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


# ---------------------------------------------------------------- WhatsApp Cloud API


def parse_whatsapp(raw: bytes) -> list[Parsed]:
    """``entry[].changes[].value.messages[]``; ``statuses[]`` (delivery receipts) are ignored."""
    try:
        payload = jsonsafe.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [
            Parsed(
                channel=InboundChannel.WHATSAPP,
                provider_id=digest_id(raw),
                error=_("Data WhatsApp tidak dapat dibaca: %(error)s") % {"error": exc},
            )
        ]
    found: list[Parsed] = []
    for entry in _dicts(_dict(payload).get("entry")):
        for change in _dicts(entry.get("changes")):
            value = _dict(change.get("value"))
            phone_number_id = _str(_dict(value.get("metadata")).get("phone_number_id"))
            names = {
                _str(c.get("wa_id")): _str(_dict(c.get("profile")).get("name"))
                for c in _dicts(value.get("contacts"))
            }
            for item in _dicts(value.get("messages")):
                found.append(_whatsapp_message(item, phone_number_id, names, raw))
    return found


def _whatsapp_message(
    item: dict[str, Any], phone_number_id: str, names: dict[str, str], raw: bytes
) -> Parsed:
    kind = _str(item.get("type"))
    sender = _str(item.get("from"))
    parsed = Parsed(
        channel=InboundChannel.WHATSAPP,
        provider_id=_str(item.get("id"))[:255] or digest_id(raw + sender.encode()),
        sender=international_digits(sender),
        sender_name=names.get(sender, "")[:200],
        destinations=[phone_number_id] if phone_number_id else [],
    )
    if kind == "text":
        parsed.text = _str(_dict(item.get("text")).get("body"))
    else:
        # Media are not downloaded (yet): keep the caption for the staff to read.
        parsed.text = _str(_dict(item.get(kind)).get("caption")) if kind else ""
        parsed.attachment_count = 1 if kind in MEDIA_TYPES else 0
        parsed.error = _("Jenis pesan WhatsApp \u201c%(type)s\u201d belum dapat diproses.") % {
            "type": kind or "?"
        }
    return parsed


# ---------------------------------------------------------------- SMS gateway


def parse_sms(raw: bytes, content_type: str) -> Parsed:
    """``{from, to, text, id}`` as JSON or as a form."""
    fields: dict[str, str] = {}
    error = ""
    try:
        if content_type.split(";")[0].strip().lower() == "application/json":
            payload = jsonsafe.loads(raw)
            if not isinstance(payload, dict):
                raise ValueError(_("bukan objek JSON"))
            fields = {key: _str(value) for key, value in payload.items()}
        else:
            form = parse_qs(raw.decode("utf-8"), keep_blank_values=True)
            fields = {key: values[0] for key, values in form.items() if values}
    except (UnicodeDecodeError, ValueError) as exc:
        error = _("Data SMS tidak dapat dibaca: %(error)s") % {"error": exc}
    destination = fields.get("to", "").strip()
    return Parsed(
        channel=InboundChannel.SMS,
        provider_id=fields.get("id", "").strip()[:255] or digest_id(raw),
        sender=international_digits(fields.get("from", "")),
        destinations=[d for d in (international_digits(destination) or destination,) if d],
        text=fields.get("text", ""),
        error=error,
    )


# ---------------------------------------------------------------- e-mail

AUTO_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
RECIPIENT_HEADERS = ("Delivered-To", "X-Original-To", "To", "Cc")


def parse_email(raw: bytes, *, fallback_destination: str = "") -> Parsed:
    """An RFC 822 message: text/plain preferred, else the HTML as text; Message-ID as id."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    message_id = _header(message, "Message-ID").strip().strip("<>").strip()
    if not message_id or len(message_id) > 255:
        message_id = digest_id(raw)
    name, address = parseaddr(_header(message, "From"))
    destinations: list[str] = []
    for header in RECIPIENT_HEADERS:
        values = [_str(v) for v in message.get_all(header, [])]
        for _name, recipient in getaddresses(values):
            normalised = normalise_email(recipient)
            if normalised and normalised not in destinations:
                destinations.append(normalised)
    fallback = normalise_email(fallback_destination)
    if fallback and fallback not in destinations:
        destinations.append(fallback)
    parsed = Parsed(
        channel=InboundChannel.EMAIL,
        provider_id=message_id,
        sender=normalise_email(address),
        sender_name=name.strip()[:200],
        destinations=destinations,
        subject=" ".join(_header(message, "Subject").split())[:300],
    )
    try:
        parsed.text = _body_text(message)
    except (LookupError, UnicodeError, ValueError) as exc:
        parsed.error = _("Isi e-mail tidak dapat dibaca: %(error)s") % {"error": exc}
    parsed.attachment_count = min(_attachment_count(message), 32767)
    if _is_automatic(message):
        parsed.error = _("Balasan otomatis (auto-reply) tidak diproses.")
    return parsed


def _header(message: EmailMessage, name: str) -> str:
    try:
        return _str(message.get(name, ""))
    except (LookupError, UnicodeError, ValueError):
        return ""


def _is_automatic(message: EmailMessage) -> bool:
    auto = _header(message, "Auto-Submitted").strip().lower()
    precedence = _header(message, "Precedence").strip().lower()
    return bool(auto and auto != "no") or precedence in AUTO_PRECEDENCE


def _attachment_count(message: EmailMessage) -> int:
    if not message.is_multipart():
        return 0
    return sum(1 for _part in message.iter_attachments())


def _part_text(part: MIMEPart) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _body_text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    text = _part_text(body)
    if body.get_content_subtype() == "html":
        text = html_to_text(text)
    return text.replace("\r\n", "\n").strip()


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote"})
    SKIP = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


QUOTE_HEADER_RE = re.compile(r"^(On|Pada)\b.*\b(wrote|menulis)\s*:\s*$", re.IGNORECASE)


def without_quoted_reply(text: str) -> str:
    """An e-mail reply without the quoted message below it."""
    kept: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if QUOTE_HEADER_RE.match(stripped) or stripped.startswith("-----Original Message"):
            break
        if stripped.startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()
