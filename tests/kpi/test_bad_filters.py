"""Bad filters: an Indonesian message on the page, a structured 400 in the API."""

from __future__ import annotations

import pytest

from tests.conftest import client_for
from tuntas.demo.builder import Demo

BAD = [
    ({"date_from": "kemarin"}, "date_from"),
    ({"date_from": "2026-12-01", "date_to": "2026-01-01"}, "date_to"),
    ({"date_from": "1990-01-01"}, "date_from"),
    ({"date_from": "2020-01-01", "date_to": "2026-12-31"}, "date_to"),
    ({"category": "999999"}, "category"),
    ({"category": "abc"}, "category"),
    ({"category": "99999999999999999999999"}, "category"),
    ({"category": "-1"}, "category"),
    ({"channel": "merpati"}, "channel"),
    ({"channel": "we\x00b"}, "channel"),
    ({"pemda": "\x00"}, "pemda"),
    ({"classification": "gosip"}, "classification"),
    ({"pemda": "kapuas", "agency": "majalengka-pupr"}, "agency"),
]


@pytest.mark.parametrize(("params", "field"), BAD)
def test_page_shows_an_indonesian_error(demo: Demo, params: dict[str, str], field: str) -> None:
    response = client_for(demo.users["nasional"]).get("/petugas/kinerja/", params)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert "Filter belum benar" in response.content.decode()


@pytest.mark.parametrize(("params", "field"), BAD)
def test_api_answers_400_with_the_field(demo: Demo, params: dict[str, str], field: str) -> None:
    for url in ("/api/kpi/summary/", "/api/kpi/compliance/"):
        response = client_for(demo.users["nasional"]).get(url, params)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["code"] == "validation_error"
        assert field in error["fields"]


def test_export_with_bad_filters_is_refused(demo: Demo) -> None:
    response = client_for(demo.users["nasional"]).get(
        "/petugas/kinerja/ekspor/xlsx/", {"date_from": "x"}
    )
    assert response.status_code == 400
