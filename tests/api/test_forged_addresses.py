"""The issue's findings, reproduced: a fresh X-Forwarded-For per request bought a fresh
allowance. Throttles now name the client by its real address (tuntas.core.clients)."""

from __future__ import annotations

import itertools
from typing import Any

from django.conf import settings
from django.test import override_settings
from rest_framework.test import APIClient

from tests.api.helpers import assert_error
from tests.reports.helpers import make_report
from tuntas.accounts.models import ApiToken
from tuntas.audit.models import AuditEvent
from tuntas.reports.models import Status

_addresses = (f"198.51.100.{n}" for n in itertools.count(1))


def forged() -> Any:
    return {"HTTP_X_FORWARDED_FOR": next(_addresses)}


def rates(**rates: str):
    return override_settings(
        REST_FRAMEWORK={
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {
                "anon_submit": "10000/hour",
                "tracking": "10000/hour",
                "sign_in": "10000/hour",
                "sign_in_address": "10000/hour",
                **rates,
            },
        }
    )


def test_25_wrong_passwords_with_forged_addresses_do_not_lead_to_a_token(demo):
    client = APIClient()
    for _ in range(25):
        client.post(
            "/api/auth/token/",
            {"username": "warga", "password": "salah"},
            format="json",
            **forged(),
        )
    r = client.post(
        "/api/auth/token/",
        {"username": "warga", "password": "tuntas-demo"},
        format="json",
        **forged(),
    )
    assert_error(r, 429, "throttled")
    assert not ApiToken.objects.exists()


def test_a_throttled_address_cannot_track_with_a_forged_header(demo):
    report = make_report(demo, Status.SUBMITTED)
    client = APIClient()
    with rates(tracking="3/hour"):
        for _ in range(3):
            client.get(
                f"/api/reports/{report.tracking_id}/", HTTP_X_ACCESS_CODE="AAAAAAAA", **forged()
            )
        r = client.get(
            f"/api/reports/{report.tracking_id}/", HTTP_X_ACCESS_CODE="BBBBBBBB", **forged()
        )
    assert_error(r, 429, "throttled")


def test_anonymous_submissions_stay_limited_with_a_forged_header(demo):
    from tests.api.test_errors import SUBMISSION

    client = APIClient()
    with rates(anon_submit="2/hour"):
        for _ in range(2):
            assert (
                client.post("/api/reports/", SUBMISSION, format="json", **forged()).status_code
                == 201
            )
        r = client.post("/api/reports/", SUBMISSION, format="json", **forged())
    assert_error(r, 429, "throttled")


@override_settings(TUNTAS_BEHIND_PROXY=True, TUNTAS_PROXY_COUNT=1)
def test_behind_the_proxy_each_real_client_has_its_own_allowance(demo):
    client = APIClient()
    with rates(sign_in_address="2/hour"):
        for _ in range(2):
            client.post(
                "/api/auth/token/",
                {"username": "warga", "password": "salah"},
                format="json",
                HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5",
            )
        # The forged left-hand entry changes; the address the proxy saw does not.
        locked = client.post(
            "/api/auth/token/",
            {"username": "warga2", "password": "tuntas-demo"},
            format="json",
            HTTP_X_FORWARDED_FOR="7.7.7.7, 203.0.113.5",
        )
        assert_error(locked, 429, "throttled")
        other = client.post(
            "/api/auth/token/",
            {"username": "warga2", "password": "tuntas-demo"},
            format="json",
            HTTP_X_FORWARDED_FOR="203.0.113.6",
        )
        assert other.status_code == 200
    failed = AuditEvent.objects.filter(action="sign_in_failed").first()
    assert failed is not None and failed.data["address"] == "203.0.113.5"


def test_spraying_one_password_over_many_usernames_is_stopped(demo):
    client = APIClient()
    for n in range(settings.TUNTAS_SIGN_IN_MAX_FAILURES_PER_ADDRESS):
        r = client.post(
            "/api/auth/token/", {"username": f"orang{n}", "password": "Rahasia123"}, format="json"
        )
        assert r.status_code == 400
    r = client.post(
        "/api/auth/token/", {"username": "warga", "password": "tuntas-demo"}, format="json"
    )
    assert_error(r, 429, "throttled")
