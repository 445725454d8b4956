"""The one error shape, for every status the API answers with."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.exceptions import ErrorDetail

from tests.api.helpers import assert_error, snapshot
from tests.reports.helpers import make_report
from tuntas.api.errors import flatten_errors
from tuntas.reports.models import Status

SUBMISSION = {
    "title": "Jalan berlubang di Selat",
    "description": "Lubang besar di depan SDN 1 Selat sejak dua minggu, membahayakan.",
    "classification": "complaint",
    "pemda": "kapuas",
    "reporter_email": "ani@example.com",
}


def _rates(**rates: str):
    from django.conf import settings

    return override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                "anon_submit": "10000/hour",
                "tracking": "10000/hour",
                **rates,
            },
        }
    )


def test_anonymous_submissions_are_rate_limited(demo, anon):
    with _rates(anon_submit="2/hour"):
        for _ in range(2):
            assert anon.post("/api/reports/", SUBMISSION, format="json").status_code == 201
        before = snapshot()
        r = anon.post("/api/reports/", SUBMISSION, format="json")
    error = assert_error(r, 429, "throttled")
    assert "detik" in error["message"]
    assert int(r["Retry-After"]) > 0
    assert snapshot() == before


def test_signed_in_reporters_are_not_held_to_the_anonymous_limit(demo, api_as):
    with _rates(anon_submit="1/hour"):
        for _ in range(2):
            r = api_as("warga").post("/api/reports/", SUBMISSION, format="json")
            assert r.status_code == 201


def test_access_code_guessing_is_rate_limited(demo, anon):
    report = make_report(demo, Status.SUBMITTED)
    with _rates(tracking="3/hour"):
        for _ in range(3):
            anon.get(f"/api/reports/{report.tracking_id}/", HTTP_X_ACCESS_CODE="AAAAAAAA")
        r = anon.get(f"/api/reports/{report.tracking_id}/", HTTP_X_ACCESS_CODE="BBBBBBBB")
    assert_error(r, 429, "throttled")


def test_password_guessing_is_rate_limited(demo, anon):
    with _rates(sign_in="2/hour"):
        for _ in range(2):
            anon.post("/api/auth/token/", {"username": "warga", "password": "x"}, format="json")
        r = anon.post(
            "/api/auth/token/", {"username": "warga", "password": "tuntas-demo"}, format="json"
        )
        assert_error(r, 429, "throttled")
        other = anon.post(
            "/api/auth/token/", {"username": "warga2", "password": "tuntas-demo"}, format="json"
        )
        assert other.status_code == 200


def test_a_wrong_method_is_405_in_the_same_shape(demo, anon):
    assert_error(anon.delete("/api/pemda/"), 405, "method_not_allowed")


@pytest.mark.parametrize(
    ("detail", "expected"),
    [
        ({"a": [ErrorDetail("x")]}, {"a": ["x"]}),
        ({"a": {"0": [ErrorDetail("x")]}}, {"a.0": ["x"]}),
        ([ErrorDetail("x")], {"non_field_errors": ["x"]}),
        ({"a": [{"b": [ErrorDetail("x")]}]}, {"a.0.b": ["x"]}),
    ],
)
def test_nested_errors_are_flattened_to_field_paths(detail, expected):
    assert flatten_errors(detail) == expected
