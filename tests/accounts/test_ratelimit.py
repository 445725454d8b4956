from __future__ import annotations

from django.test import RequestFactory, override_settings

from tuntas.accounts.ratelimit import client_ip, is_limited, record_failure


def request(**meta):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **meta)


def test_the_forwarded_header_is_ignored_without_a_proxy():
    assert client_ip(request(HTTP_X_FORWARDED_FOR="1.2.3.4")) == "10.0.0.1"


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_the_proxy_the_address_it_appended_counts():
    forged_then_real = request(HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert client_ip(forged_then_real) == "203.0.113.9"
    assert client_ip(request()) == "10.0.0.1"


def test_failures_are_counted_per_address():
    first, second = request(), RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")
    for _ in range(3):
        record_failure(first, "test", window=60)
    assert is_limited(first, "test", limit=3)
    assert not is_limited(second, "test", limit=3)
