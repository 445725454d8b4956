"""Keys over HTTP: the DRF authentication, HasScope, 429 with Retry-After, the use log."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.response import Response
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

from tuntas.apikeys.authentication import ApiKeyAuthentication, HasScope
from tuntas.apikeys.models import ApiKeyUse


def test_a_key_in_the_authorization_header_identifies_the_application(issue_key):
    key, secret = issue_key("kapuas-pupr", ["reports.read", "federation"])
    r = APIClient().get("/api/keys/me/", HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert r.status_code == 200, r.content
    body = r.json()
    assert body["prefix"] == key.prefix
    assert body["organisation"] == "kapuas-pupr"
    assert body["jurisdiction"] == "kapuas"
    assert body["scopes"] == ["federation", "reports.read"]


def test_the_x_api_key_header_works_too(issue_key):
    _key, secret = issue_key()
    assert APIClient().get("/api/keys/me/", HTTP_X_API_KEY=secret).status_code == 200


def test_no_key_is_401_and_says_which_scheme(db):
    r = APIClient().get("/api/keys/me/")
    assert r.status_code == 401
    assert r["WWW-Authenticate"] == "Api-Key"


def test_a_bad_key_is_403_with_a_clear_code(demo):
    r = APIClient().get("/api/keys/me/", HTTP_X_API_KEY="tnt_abcdefgh_nope")
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "api_key_invalid"
    assert not ApiKeyUse.objects.exists()


def test_a_revoked_key_is_403_and_its_use_is_logged(demo, issue_key):
    from tuntas.apikeys.services import revoke_api_key

    key, secret = issue_key()
    revoke_api_key(actor=None, key=key, reason="Aplikasi dihentikan")
    r = APIClient().get("/api/keys/me/", HTTP_X_API_KEY=secret)
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "api_key_revoked"
    use = ApiKeyUse.objects.get()
    assert (use.key, use.status_code) == (key, 403)


def test_over_the_limit_is_429_with_retry_after(issue_key):
    _key, secret = issue_key(rate_limit_per_minute=2)
    client = APIClient(HTTP_X_API_KEY=secret)
    assert [client.get("/api/keys/me/").status_code for _ in range(2)] == [200, 200]
    r = client.get("/api/keys/me/")
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "throttled"
    assert 1 <= int(r["Retry-After"]) <= 60


def test_every_request_is_logged_with_its_status(issue_key):
    key, secret = issue_key(rate_limit_per_minute=1)
    client = APIClient(HTTP_X_API_KEY=secret, REMOTE_ADDR="10.1.2.3")
    client.get("/api/keys/me/")
    client.get("/api/keys/me/")
    uses = list(ApiKeyUse.objects.order_by("id"))
    assert [(u.key_id, u.method, u.path, u.status_code) for u in uses] == [
        (key.pk, "GET", "/api/keys/me/", 200),
        (key.pk, "GET", "/api/keys/me/", 429),
    ]
    assert uses[0].remote_addr == "10.1.2.3"


class _NeedsSubmit(APIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasScope("reports.submit")]

    def get(self, request):
        return Response({"user": request.user.display_name})


@pytest.mark.parametrize(("scopes", "status"), [(["reports.submit"], 200), (["reports.read"], 403)])
def test_has_scope_lets_only_keys_with_the_scope_through(issue_key, scopes, status):
    _key, secret = issue_key(scopes=scopes)
    request = APIRequestFactory().get("/x/", HTTP_X_API_KEY=secret)
    response = _NeedsSubmit.as_view()(request)
    assert response.status_code == status
    if status == 200:
        assert response.data == {"user": "Aplikasi: Chatbot Kapuas"}
    else:
        assert response.data["error"]["code"] == "api_key_scope_missing"


def test_a_session_user_is_not_an_api_key(demo):
    client = APIClient()
    client.force_login(demo.users["nasional"])
    assert client.get("/api/keys/me/").status_code in (401, 403)


def test_a_key_does_not_work_on_the_rest_of_the_api(issue_key):
    """Keys only act where a view names ApiKeyAuthentication: not as a citizen account."""
    _key, secret = issue_key(scopes=["reports.read", "reports.submit"])
    r = APIClient().get("/api/reports/mine/", HTTP_X_API_KEY=secret)
    assert r.status_code == 401


@override_settings(TUNTAS_BEHIND_PROXY=True, TUNTAS_PROXY_COUNT=1)
def test_behind_the_proxy_each_use_records_the_client_not_the_proxy(issue_key):
    _key, secret = issue_key()
    client = APIClient(
        HTTP_X_API_KEY=secret,
        REMOTE_ADDR="10.0.0.1",  # the proxy
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.77",  # forged by the client, then the proxy's
    )
    assert client.get("/api/keys/me/").status_code == 200
    assert ApiKeyUse.objects.get().remote_addr == "203.0.113.77"
