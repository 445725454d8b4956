"""One client address for the web pages and the API: proxy headers only as far as trusted."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from tuntas.core.clients import client_address


def request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)


def test_the_forwarded_header_is_ignored_without_a_proxy():
    assert client_address(request(HTTP_X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.1"


@override_settings(TUNTAS_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_appended_counts():
    forged_then_real = request(HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_address(forged_then_real) == "203.0.113.9"
    assert client_address(request(HTTP_X_FORWARDED_FOR="203.0.113.9")) == "203.0.113.9"


@override_settings(TUNTAS_PROXY_COUNT=2)
def test_behind_two_proxies_the_outer_proxys_entry_counts():
    header = "6.6.6.6, 198.51.100.7, 10.1.1.1"  # forged, client (seen by the CDN), CDN
    assert client_address(request(HTTP_X_FORWARDED_FOR=header)) == "198.51.100.7"


@pytest.mark.parametrize("header", ["", "203.0.113.9", "bukan-alamat, 10.2.2.2"])
@override_settings(TUNTAS_PROXY_COUNT=2)
def test_a_header_too_short_or_broken_falls_back_to_the_peer(header):
    assert client_address(request(HTTP_X_FORWARDED_FOR=header)) == "10.0.0.1"


def test_a_missing_peer_address_is_unknown():
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="")) == "unknown"
