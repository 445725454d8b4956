from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.conftest import client_for
from tests.two_factor import current_code, ensure_device, needs_code

LOGIN = "/akun/masuk/"
PASSWORD = "tuntas-demo"


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_the_login_page_renders_with_labels(demo):
    response = client_for(None).get(LOGIN)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'for="id_username"' in html and 'for="id_password"' in html
    assert reverse("accounts:register") in html


@pytest.mark.parametrize(
    ("username", "target"),
    [
        ("warga", "citizen:my_reports"),
        ("kapuas.koordinator", "staff:home"),
        ("kapuas.pupr.staf", "staff:home"),
        ("nasional", "staff:home"),
    ],
)
def test_people_land_on_their_own_home(demo, username, target):
    client = client_for(None)
    user = demo.users[username]
    if needs_code(user):
        ensure_device(user)  # their authenticator app; the code is asked after the password
    response = sign_in(client, username)
    assert response.status_code == 302
    if needs_code(user):
        assert response["Location"] == reverse("accounts:two_factor_verify")
        assert SESSION_KEY not in client.session
        response = client.post(response["Location"], {"code": current_code(user)})
    assert response["Location"] == reverse(target)
    assert int(client.session[SESSION_KEY]) == user.pk


def test_a_safe_next_is_respected(demo):
    next_url = reverse("citizen:submit")
    response = sign_in(client_for(None), "warga", next=next_url)
    assert response["Location"] == next_url


def test_an_unsafe_next_is_ignored(demo):
    response = sign_in(client_for(None), "warga", next="https://evil.example/phish")
    assert response["Location"] == reverse("citizen:my_reports")


def test_a_wrong_password_is_refused_with_400(demo):
    client = client_for(None)
    response = sign_in(client, "warga", "salah-sandi")
    assert response.status_code == 400
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_repeated_failures_are_rate_limited(demo):
    client = client_for(None)
    for _ in range(10):
        assert sign_in(client, "warga", "salah-sandi").status_code == 400
    response = sign_in(client, "warga")
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_logout_is_post_only(demo):
    client = client_for(demo.users["warga"])
    assert client.get("/akun/keluar/").status_code == 405
    assert SESSION_KEY in client.session
    response = client.post("/akun/keluar/")
    assert response.status_code == 302
    assert response["Location"] == reverse("citizen:home")
    assert SESSION_KEY not in client.session


def test_a_signed_in_person_visiting_login_is_sent_home(demo):
    response = client_for(demo.users["warga"]).get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("citizen:my_reports")
