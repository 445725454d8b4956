from __future__ import annotations

import pytest

from tuntas.outbox.phones import normalise_phone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("081234567890", "6281234567890"),
        ("0812-3456-7890", "6281234567890"),
        ("+62 812 3456 7890", "6281234567890"),
        ("62812.3456.789", "62812345678" + "9"),
        ("0062 81234567890", "6281234567890"),
        ("81234567890", "6281234567890"),
        ("(0812) 3456 7890", "6281234567890"),
    ],
)
def test_it_normalises_indonesian_mobile_numbers(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "021-5551234",
        "0812",
        "08123456789012345",
        "+1 650 555 1234",
        "08abc",
        "0812٣٤٥٦٧٨٩٠",
    ],
)
def test_it_refuses_what_is_no_indonesian_mobile_number(raw):
    assert normalise_phone(raw) is None
