from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.urls import reverse

from tests.conftest import client_for
from tuntas.accounts.models import User
from tuntas.accounts.services import register_citizen
from tuntas.audit.models import AuditEvent
from tuntas.core.errors import ValidationFailed
from tuntas.organisations.models import Membership
from tuntas.outbox.models import OutboxMessage

REGISTER = "/akun/daftar/"


def data(**overrides):
    values = {
        "username": "ani.warga",
        "full_name": "Ani Lestari",
        "email": "ani@example.com",
        "phone": "0812 1111 2222",
        "password1": "kopi-tubruk-pagi-7",
        "password2": "kopi-tubruk-pagi-7",
    }
    values.update(overrides)
    return values


def test_a_citizen_registers_and_is_signed_in(demo):
    client = client_for(None)
    assert client.get(REGISTER).status_code == 200
    response = client.post(REGISTER, data())
    assert response.status_code == 302
    assert response["Location"] == reverse("citizen:my_reports")
    user = User.objects.get(username="ani.warga")
    assert user.full_name == "Ani Lestari"
    assert user.phone == "0812 1111 2222"
    assert user.check_password("kopi-tubruk-pagi-7")
    assert not user.is_staff
    assert not Membership.objects.filter(user=user).exists()
    assert int(client.session[SESSION_KEY]) == user.pk
    event = AuditEvent.objects.get(action="register")
    assert event.actor == user
    assert event.visibility == "staff"
    assert client.get(response["Location"]).status_code == 200


def test_phone_alone_is_enough_contact(demo):
    response = client_for(None).post(REGISTER, data(email=""))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"password2": "lain-sandinya-99"}, "password2"),
        ({"password1": "12345678", "password2": "12345678"}, "password1"),
        ({"password1": "password", "password2": "password"}, "password1"),
        ({"password1": "ab1", "password2": "ab1"}, "password1"),
        ({"password1": "ani.warga1", "password2": "ani.warga1"}, "password1"),
        ({"username": "warga"}, "username"),
        ({"username": "WARGA"}, "username"),
        ({"username": "nama dengan spasi"}, "username"),
        ({"username": ""}, "username"),
        ({"full_name": ""}, "full_name"),
        ({"email": "bukan-email"}, "email"),
        ({"email": "", "phone": ""}, "email"),
        ({"phone": "telepon"}, "phone"),
    ],
)
def test_bad_registrations_are_refused_with_400(demo, overrides, field):
    before = User.objects.count()
    client = client_for(None)
    response = client.post(REGISTER, data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors, response.context["form"].errors
    assert User.objects.count() == before
    assert SESSION_KEY not in client.session
    assert not AuditEvent.objects.filter(action="register").exists()


def test_the_service_rechecks_uniqueness(demo):
    with pytest.raises(ValidationFailed) as caught:
        register_citizen(
            username="Warga", full_name="X", email="", phone="", password="kopi-tubruk-pagi-7"
        )
    assert "username" in caught.value.errors


def test_a_signed_in_person_is_sent_home(demo):
    response = client_for(demo.users["warga"]).get(REGISTER)
    assert response.status_code == 302
    assert response["Location"] == reverse("citizen:my_reports")


def test_a_registered_email_is_not_revealed(demo):
    """The answer for a registered address is the answer for a new one; the account is
    made without the address and its owner hears of the attempt."""
    fresh = client_for(None).post(REGISTER, data(username="ani.baru", email="ani@example.com"))
    taken = client_for(None).post(
        REGISTER, data(username="budi.baru", email="Warga@demo.tuntas.invalid")
    )
    assert fresh.status_code == taken.status_code == 302
    assert fresh["Location"] == taken["Location"]
    assert User.objects.get(username="ani.baru").email == "ani@example.com"
    assert User.objects.get(username="budi.baru").email == ""
    assert User.objects.get(username="warga").email == "warga@demo.tuntas.invalid"
    subjects = dict(OutboxMessage.objects.values_list("address", "subject"))
    assert subjects["ani@example.com"] == "Selamat datang di Tuntas"
    assert subjects["warga@demo.tuntas.invalid"] == "Percobaan pendaftaran dengan e-mail Anda"


def test_a_taken_username_is_refused_without_naming_the_owner(demo):
    response = client_for(None).post(REGISTER, data(username="warga", email=""))
    assert response.status_code == 400
    assert response.context["form"].errors["username"] == [
        "Nama pengguna ini tidak tersedia. Pilih nama lain."
    ]


@override_settings(TUNTAS_REGISTER_PER_HOUR=3)
def test_registration_is_throttled_per_address(demo):
    for n in range(3):
        client_for(None).post(REGISTER, data(username=f"orang{n}", email="", password2="x"))
    response = client_for(None).post(REGISTER, data(username="orang.lain", email=""))
    assert response.status_code == 429
    assert "Terlalu banyak pendaftaran" in response.content.decode()
    assert not User.objects.filter(username="orang.lain").exists()
    other_address = Client(REMOTE_ADDR="10.9.9.9").post(
        REGISTER, data(username="orang.lain", email="")
    )
    assert other_address.status_code == 302
