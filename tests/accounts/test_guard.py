"""One sign-in guard wherever a password is checked: the web page, the admin, the API."""

from __future__ import annotations

from django.test import override_settings
from rest_framework.test import APIClient

from tests.api.helpers import assert_error
from tests.conftest import client_for
from tuntas.audit.models import AuditEvent

LOGIN = "/akun/masuk/"


def lock_on_the_web(client, username="nasional"):
    for _ in range(10):
        client.post(LOGIN, {"username": username, "password": "salah-sandi"})
    assert client.post(LOGIN, {"username": username, "password": "tuntas-demo"}).status_code == 429


def test_an_address_locked_on_the_web_is_locked_in_the_admin(demo):
    """The finding: the superuser fell to 15 guesses at /admin/login/ from a locked address."""
    client = client_for(None)
    lock_on_the_web(client)
    # The admin has no password form of its own: it sends people to the guarded page...
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/?next=")
    # ...and a password posted to it is not checked at all.
    posted = client.post("/admin/login/", {"username": "nasional", "password": "tuntas-demo"})
    assert posted.status_code == 302 and posted["Location"].startswith("/akun/masuk/")
    assert client.get("/admin/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_address_locked_on_the_web_cannot_get_a_token(demo):
    lock_on_the_web(client_for(None))
    r = APIClient().post(
        "/api/auth/token/", {"username": "nasional", "password": "tuntas-demo"}, format="json"
    )
    assert_error(r, 429, "throttled")


def test_an_address_locked_in_the_api_cannot_sign_in_on_the_web(demo):
    api = APIClient()
    for _ in range(10):
        api.post("/api/auth/token/", {"username": "warga", "password": "salah"}, format="json")
    response = client_for(None).post(LOGIN, {"username": "warga", "password": "tuntas-demo"})
    assert response.status_code == 429


def test_failed_sign_ins_are_audited_without_the_password(demo):
    client_for(None).post(LOGIN, {"username": "warga", "password": "sandi-rahasia-salah"})
    APIClient().post(
        "/api/auth/token/", {"username": "tidak.ada", "password": "sandi-lain"}, format="json"
    )
    events = list(AuditEvent.objects.filter(action="sign_in_failed").order_by("id"))
    assert [(e.data["username"], e.data["channel"]) for e in events] == [
        ("warga", "web"),
        ("tidak.ada", "api"),
    ]
    assert events[0].data["user"] == demo.users["warga"].pk
    assert events[1].data["user"] is None
    assert all(e.data["address"] == "127.0.0.1" and e.created_at for e in events)
    for event in events:
        assert "sandi" not in str(event.data) and "sandi" not in event.reason


def test_attempts_refused_while_locked_are_not_audited_one_by_one(demo):
    client = client_for(None)
    lock_on_the_web(client, "warga")
    for _ in range(5):
        client.post(LOGIN, {"username": "warga", "password": "salah-sandi"})
    events = AuditEvent.objects.filter(action="sign_in_failed")
    assert events.count() == 10
    last = events.order_by("-id").first()
    assert last is not None and last.data["locked"] is True


@override_settings(TUNTAS_SIGN_IN_MAX_FAILURES_PER_USERNAME=3)
def test_one_username_attacked_from_many_addresses_is_locked(demo):
    for n in range(3):
        client_for(None).post(
            LOGIN, {"username": "warga", "password": "salah"}, REMOTE_ADDR=f"10.0.0.{n + 1}"
        )
    fresh = client_for(None).post(
        LOGIN, {"username": "warga", "password": "tuntas-demo"}, REMOTE_ADDR="10.0.0.99"
    )
    assert fresh.status_code == 429


def test_a_right_password_forgets_this_addresss_failures_on_that_account(demo):
    client = client_for(None)
    for _ in range(9):
        client.post(LOGIN, {"username": "warga", "password": "salah"})
    assert client.post(LOGIN, {"username": "warga", "password": "tuntas-demo"}).status_code == 302
    client.post("/akun/keluar/")
    for _ in range(9):
        assert client.post(LOGIN, {"username": "warga", "password": "salah"}).status_code == 400
