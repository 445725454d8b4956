"""Which addresses webhooks may be sent to.

In production a target must be ``https://`` and must not point into the server's own
network (loopback, private, link-local, reserved addresses, ``localhost``): a
subscription must not turn Tuntas into a proxy towards internal services.
``TUNTAS_WEBHOOKS_ALLOW_HTTP`` and ``TUNTAS_WEBHOOKS_ALLOW_PRIVATE`` lift the two rules
(the embedded development setup and the tests). The check runs when a subscription is
saved and again before every delivery, on the addresses the host name resolves to then.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

INTERNAL_SUFFIXES = (".localhost", ".local", ".internal", ".localdomain", ".home.arpa")
MAX_URL_LENGTH = 500


class TargetRefused(ValueError):
    """The address may not receive webhooks; ``args[0]`` is an Indonesian sentence."""


def _is_internal_ip(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def _literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to ([] when it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return sorted({str(info[4][0]) for info in infos})


def check_url(url: str, *, resolve_host: bool = True) -> str:
    """``url`` cleaned, or ``TargetRefused`` with the reason.

    A host name that does not resolve (yet) is accepted here; delivery checks again
    and fails for good if it then resolves into an internal network.
    """
    url = (url or "").strip()
    if not url:
        raise TargetRefused(_("Isi alamat tujuan (URL)."))
    if len(url) > MAX_URL_LENGTH:
        raise TargetRefused(
            _("Alamat tujuan terlalu panjang (paling banyak %(n)s karakter).")
            % {"n": MAX_URL_LENGTH}
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise TargetRefused(_("Alamat tujuan bukan URL yang sah.")) from exc
    allow_http = settings.TUNTAS_WEBHOOKS_ALLOW_HTTP
    if parts.scheme not in ({"https", "http"} if allow_http else {"https"}):
        raise TargetRefused(
            _("Alamat tujuan harus diawali http:// atau https://.")
            if allow_http
            else _("Alamat tujuan harus memakai https://.")
        )
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise TargetRefused(_("Alamat tujuan tidak memuat nama host."))
    if parts.username or parts.password:
        raise TargetRefused(_("Alamat tujuan tidak boleh memuat nama pengguna atau sandi."))
    if not settings.TUNTAS_WEBHOOKS_ALLOW_PRIVATE:
        _check_public(host, port or (443 if parts.scheme == "https" else 80), resolve_host)
    return url


def _check_public(host: str, port: int, resolve_host: bool) -> None:
    refused = TargetRefused(
        _(
            "Alamat tujuan mengarah ke jaringan internal (localhost, alamat privat atau "
            "khusus); pakai alamat yang dapat dijangkau dari internet."
        )
    )
    if host == "localhost" or host.endswith(INTERNAL_SUFFIXES):
        raise refused
    literal = _literal_ip(host)
    if literal is not None:
        if _is_internal_ip(literal):
            raise refused
        return
    if "." not in host:
        raise refused  # a bare name only an internal resolver knows
    if resolve_host:
        for address in resolve(host, port):
            ip = _literal_ip(address.split("%", 1)[0])
            if ip is None or _is_internal_ip(ip):
                raise refused
