"""The kop surat (letterhead) printed at the head of a PDF export."""

from __future__ import annotations

import base64
import logging
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tuntas.organisations.models import Organisation, OrganisationKind

logger = logging.getLogger(__name__)

LOGO_MAX_BYTES = 2 * 1024 * 1024
_LOGO_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"GIF8": "image/gif"}


@dataclass(frozen=True)
class Letterhead:
    # Upper-case heading lines: "PEMERINTAH KABUPATEN KAPUAS", "DINAS KOMUNIKASI ...".
    lines: list[str]
    # Address, telephone, e-mail and website, in the small line under the heading.
    contact: list[str]
    # The logo as a data: URI (no file or network fetch while rendering), or "".
    logo: str


def _logo_uri(organisation: Organisation) -> str:
    field = organisation.letterhead_logo
    if not field:
        return ""
    try:
        with field.open("rb") as handle:
            data = handle.read(LOGO_MAX_BYTES + 1)
    except OSError:
        logger.warning("letterhead logo of %s cannot be read", organisation.code)
        return ""
    mime = next((m for magic, m in _LOGO_TYPES.items() if data.startswith(magic)), "")
    if not mime or len(data) > LOGO_MAX_BYTES:
        logger.warning("letterhead logo of %s is not a small PNG/JPEG/GIF", organisation.code)
        return ""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _default_lines(organisation: Organisation) -> list[str]:
    """Heading lines made from the organisation tree when no kop surat text is set."""
    lines: list[str] = []
    pemda = organisation.get_pemda()
    if pemda is not None:
        lines.append(pemda.name.upper())
    if organisation.kind != OrganisationKind.PEMDA or pemda is None:
        agency = organisation.get_agency() or organisation
        if agency.name.upper() not in lines:
            lines.append(agency.name.upper())
    return lines


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _text_lines(organisation: Organisation) -> list[str]:
    """The kop's heading lines: the agency's (or the organisation's) own kop text; for an
    agency without one, the first line of its Pemda's kop ("PEMERINTAH KABUPATEN ...") over
    the agency's name; otherwise lines built from the organisation tree."""
    agency = organisation.get_agency()
    holder = agency or organisation
    if holder.letterhead.strip():
        return _lines(holder.letterhead)
    pemda = organisation.get_pemda()
    head = _lines(pemda.letterhead)[:1] if pemda is not None else []
    if agency is not None and head:
        return [*head, agency.name.upper()]
    if agency is None and pemda is not None and pemda.letterhead.strip():
        return _lines(pemda.letterhead)
    return _default_lines(organisation)


def letterhead_for(organisation: Organisation | None) -> Letterhead | None:
    """The organisation's kop surat; its nearest ancestor's text, address and logo fill gaps."""
    if organisation is None:
        return None
    chain = organisation.ancestors()
    lines = _text_lines(organisation)
    source = next(
        (
            node
            for node in chain
            if node.letterhead_address or node.letterhead_phone or node.letterhead_email
        ),
        organisation,
    )
    contact = [
        value
        for value in (
            source.letterhead_address,
            _("Telepon %(phone)s") % {"phone": source.letterhead_phone}
            if source.letterhead_phone
            else "",
            _("Surel %(email)s") % {"email": source.letterhead_email}
            if source.letterhead_email
            else "",
            _("Laman %(site)s") % {"site": source.letterhead_website}
            if source.letterhead_website
            else "",
        )
        if value
    ]
    logo = next((uri for node in chain if node.letterhead_logo and (uri := _logo_uri(node))), "")
    return Letterhead(lines=lines, contact=contact, logo=logo)
