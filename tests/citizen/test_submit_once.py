"""The public form: one report per form token, and the API's limit for anonymous posts."""

from __future__ import annotations

import re
import time
from unittest import mock

from django.conf import settings
from django.test import Client, override_settings
from rest_framework.test import APIClient

from tests.api.helpers import snapshot
from tests.citizen.test_submit import SUBMIT, form_data
from tests.conftest import client_for
from tuntas.citizen.forms import FORM_TOKEN_MAX_AGE, issue_form_token
from tuntas.reports.models import Report


def _rates(**rates: str):
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


def receipt(client: Client) -> str:
    html: str = client.get("/lapor/terkirim/").content.decode()
    return html


def token_in(html: str) -> str:
    found = re.search(r'name="form_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_the_form_carries_a_signed_token(demo) -> None:
    html = client_for(None).get(SUBMIT).content.decode()
    assert ":" in token_in(html)


def test_a_double_post_of_one_form_makes_one_report_and_both_see_it(demo) -> None:
    data = form_data(demo)
    first_client, second_client = client_for(None), client_for(None)
    assert first_client.post(SUBMIT, data).status_code == 302
    first = receipt(first_client)
    before = snapshot()
    assert second_client.post(SUBMIT, data).status_code == 302  # the second click
    second = receipt(second_client)
    assert Report.objects.count() == 1 and snapshot() == before
    report = Report.objects.get()
    code = re.search(r'id="access-code">([A-Z0-9]{8})<', first)
    assert code is not None
    # Within minutes the same form (same token, same content) shows the same receipt.
    assert report.tracking_id in second and code.group(1) in second
    assert 'id="replayed"' in second and 'id="replayed"' not in first


def test_the_same_form_sent_with_other_content_is_refused_with_a_fresh_form(demo) -> None:
    data = form_data(demo)
    client = client_for(None)
    client.post(SUBMIT, data)
    tracking_id = Report.objects.get().tracking_id
    before = snapshot()
    response = client.post(SUBMIT, {**data, "title": "Judul lain sama sekali"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "sudah pernah dikirim" in html and tracking_id not in html
    assert token_in(html) != data["form_token"]
    assert snapshot() == before
    # The fresh token sends it as a new report.
    again = client.post(
        SUBMIT, {**data, "title": "Judul lain sama sekali", "form_token": token_in(html)}
    )
    assert again.status_code == 302 and Report.objects.count() == 2


def test_a_missing_forged_or_expired_token_is_refused_and_nothing_is_stored(demo) -> None:
    with mock.patch(
        "django.core.signing.time.time", return_value=time.time() - FORM_TOKEN_MAX_AGE - 5
    ):
        expired = issue_form_token()
    for token in (None, "", "abc", issue_form_token() + "x", expired):
        before = snapshot()
        response = client_for(None).post(SUBMIT, form_data(demo, form_token=token))
        assert response.status_code == 400, token
        html = response.content.decode()
        assert "kedaluwarsa atau tidak lengkap" in html
        assert token_in(html) not in ("", token)
        assert snapshot() == before


def test_anonymous_posts_have_the_api_limit(demo) -> None:
    with _rates(anon_submit="2/hour"):
        for _ in range(2):
            assert client_for(None).post(SUBMIT, form_data(demo)).status_code == 302
        before = snapshot()
        response = client_for(None).post(SUBMIT, form_data(demo))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Terlalu banyak laporan" in html
    assert "Jalan berlubang di depan SDN 1 Selat" in html  # what was typed comes back
    assert snapshot() == before


def test_the_web_and_the_api_share_one_budget_per_address(demo) -> None:
    body = {
        "title": "Jalan berlubang di Selat",
        "description": "Lubang besar di depan SDN 1 Selat sejak dua minggu, membahayakan.",
        "classification": "complaint",
        "pemda": "kapuas",
        "reporter_email": "ani@example.com",
    }
    with _rates(anon_submit="2/hour"):
        assert APIClient().post("/api/reports/", body, format="json").status_code == 201
        assert client_for(None).post(SUBMIT, form_data(demo)).status_code == 302
        assert client_for(None).post(SUBMIT, form_data(demo)).status_code == 429
        assert APIClient().post("/api/reports/", body, format="json").status_code == 429


def test_signed_in_reporters_are_not_held_to_the_anonymous_limit(demo) -> None:
    client = client_for(demo.users["warga"])
    with _rates(anon_submit="1/hour"):
        for _ in range(3):
            assert client.post(SUBMIT, form_data(demo)).status_code == 302


def test_a_late_replay_shows_neither_the_code_nor_opens_the_report(demo) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from tuntas.reports.models import SubmissionKey
    from tuntas.reports.submissions import REVEAL_SECONDS

    data = form_data(demo)
    client_for(None).post(SUBMIT, data)
    SubmissionKey.objects.update(created_at=timezone.now() - timedelta(seconds=REVEAL_SECONDS + 60))
    late = client_for(None)
    assert late.post(SUBMIT, data).status_code == 302
    html = receipt(late)
    report = Report.objects.get()
    assert report.tracking_id in html and 'id="access-code"' not in html
    assert "hanya ditampilkan saat laporan pertama kali dikirim" in html
    assert late.get(f"/laporan/{report.tracking_id}/").status_code == 404
