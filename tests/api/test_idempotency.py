"""``Idempotency-Key`` on the API's submission: a retry never makes a second report."""

from __future__ import annotations

import pytest

from tests.api.helpers import assert_error, snapshot
from tuntas.reports.models import Report

BODY = {
    "title": "Sampah menumpuk di pasar",
    "description": "Sampah di Pasar Kapuas Hilir tidak diangkut sejak lima hari, bau sekali.",
    "classification": "complaint",
    "pemda": "kapuas",
    "reporter_phone": "0812 9999 0000",
}
KEY = "8d6f1c9e-6a3b-4f0e-9c51-3b1f2a7d4e60"


def post(client, body=BODY, key: str | None = KEY):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post("/api/reports/", body, format="json", **headers)


def test_a_retry_with_the_same_key_answers_the_first_report(demo, anon) -> None:
    first = post(anon)
    assert first.status_code == 201, first.content
    before = snapshot()
    again = post(anon)
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["replayed"] is True and first.json()["replayed"] is False
    assert again.json()["tracking_id"] == first.json()["tracking_id"]
    assert again.json()["access_code"] == first.json()["access_code"]
    assert Report.objects.count() == 1 and snapshot() == before


def test_without_a_key_a_retry_is_a_second_report(demo, anon) -> None:
    post(anon, key=None)
    post(anon, key=None)
    assert Report.objects.count() == 2


def test_the_same_key_with_another_body_is_409(demo, anon) -> None:
    first = post(anon)
    before = snapshot()
    error = assert_error(
        post(anon, {**BODY, "title": "Judul yang lain"}), 409, "submission_key_reused"
    )
    assert first.json()["tracking_id"] not in error["message"]
    assert snapshot() == before


@pytest.mark.parametrize("key", ["", "pendek", "x" * 129, "kunci dengan spasi 123", "ü" * 20])
def test_a_malformed_key_is_400_and_stores_nothing(demo, anon, key: str) -> None:
    before = snapshot()
    error = assert_error(post(anon, key=key), 400, "validation_error")
    assert list(error["fields"]) == ["Idempotency-Key"]
    assert snapshot() == before


def test_each_account_has_its_own_keys(demo, api_as) -> None:
    mine = post(api_as("warga"))
    theirs = post(api_as("warga2"))
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["tracking_id"] != theirs.json()["tracking_id"]
