"""``verify_signature``: what a receiver relies on."""

from __future__ import annotations

from tuntas.webhooks.signing import new_secret, sign, verify_signature

BODY = b'{"id":"1","type":"report.closed"}'
NOW = 1_790_000_000


def test_a_fresh_signature_verifies():
    header = sign("whsec_a", BODY, timestamp=NOW)
    assert verify_signature("whsec_a", header, BODY, now=NOW + 10)
    assert verify_signature("whsec_a", header, BODY.decode(), now=NOW + 10)


def test_tampering_a_wrong_secret_or_an_old_timestamp_fail():
    header = sign("whsec_a", BODY, timestamp=NOW)
    assert not verify_signature("whsec_a", header, BODY + b" ", now=NOW)
    assert not verify_signature("whsec_b", header, BODY, now=NOW)
    assert not verify_signature("whsec_a", header, BODY, now=NOW + 301)
    assert not verify_signature("whsec_a", header, BODY, now=NOW - 301)
    assert verify_signature("whsec_a", header, BODY, tolerance=600, now=NOW + 301)
    # The timestamp is part of what is signed: moving it breaks the signature.
    moved = header.replace(f"t={NOW}", f"t={NOW + 100}")
    assert not verify_signature("whsec_a", moved, BODY, now=NOW + 100)


def test_garbage_headers_fail():
    for header in ("", "t=abc,v1=00", f"t={NOW}", "v1=00", "nonsense"):
        assert not verify_signature("whsec_a", header, BODY, now=NOW)


def test_several_v1_values_verify_if_one_matches():
    good = sign("whsec_a", BODY, timestamp=NOW)
    header = f"t={NOW},v1={'0' * 64},{good.split(',')[1]}"
    assert verify_signature("whsec_a", header, BODY, now=NOW)


def test_secrets_are_long_and_new_each_time():
    a, b = new_secret(), new_secret()
    assert a != b
    assert a.startswith("whsec_") and len(a) >= 40
