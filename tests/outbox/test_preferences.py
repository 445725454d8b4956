"""Notification preferences: the page, the API and the service behind both."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests.api.helpers import assert_error
from tests.conftest import client_for
from tuntas.accounts.tokens import issue_api_token
from tuntas.audit.models import AuditEvent
from tuntas.core.errors import PermissionDenied, ValidationFailed
from tuntas.outbox.models import NotificationPreference
from tuntas.outbox.preferences import preference_of, update_notification_preferences

PAGE = "/akun/notifikasi/pengaturan/"
API = "/api/me/notification-preferences/"


def stored(user):
    pref = preference_of(user)
    return pref.email, pref.whatsapp, pref.sms, pref.daily_digest


def api_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_api_token(user)[1]}")
    return client


def with_phone(user, phone="081234567890"):
    user.phone = phone
    user.save()
    return user


# ---------------------------------------------------------------- the page


def test_the_page_asks_to_sign_in(db):
    response = client_for(None).get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/masuk/")


def test_the_notifications_page_links_to_the_settings(demo):
    html = client_for(demo.users["warga"]).get("/akun/notifikasi/").content.decode()
    assert f'href="{PAGE}"' in html


def test_a_citizen_sees_the_channels_but_no_digest(demo, channels_off):
    response = client_for(demo.users["warga"]).get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pengaturan notifikasi" in html
    assert response.context["form"]["email"].value() is True
    assert response.context["form"]["whatsapp"].value() is False
    assert "Belum tersedia di layanan ini." in html
    assert 'name="daily_digest"' not in html


def test_staff_see_the_digest_option_on_by_default(demo):
    html = client_for(demo.users["kapuas.koordinator"]).get(PAGE).content.decode()
    assert 'name="daily_digest"' in html
    assert stored(demo.users["kapuas.koordinator"]) == (True, False, False, True)


def test_saving_the_form_changes_the_preferences_and_is_audited(demo, channels_on):
    user = with_phone(demo.users["kapuas.koordinator"])
    response = client_for(user).post(PAGE, {"whatsapp": "on", "sms": "on"})
    assert response.status_code == 302
    assert response["Location"] == PAGE
    assert stored(user) == (False, True, True, False)
    event = AuditEvent.objects.get(action="notification_preferences_changed")
    assert event.actor == user
    assert event.data["changes"]["whatsapp"] == [False, True]
    assert event.data["changes"]["email"] == [True, False]


def test_saving_without_changes_writes_no_audit_event(demo):
    user = demo.users["warga"]
    assert client_for(user).post(PAGE, {"email": "on"}).status_code == 302
    assert not AuditEvent.objects.filter(action="notification_preferences_changed").exists()


def test_a_channel_switched_off_on_the_server_cannot_be_switched_on(demo, channels_off):
    user = with_phone(demo.users["warga"])
    response = client_for(user).post(PAGE, {"email": "on", "whatsapp": "on"})
    # The field is disabled: the posted value is ignored and nothing is switched on.
    assert response.status_code == 302
    assert stored(user) == (True, False, False, True)


# ---------------------------------------------------------------- the service


def test_switching_on_a_phone_channel_without_a_valid_number_is_refused(demo, channels_on):
    user = with_phone(demo.users["warga"], "021-555")
    with pytest.raises(ValidationFailed) as caught:
        update_notification_preferences(
            user, actor=user, email=False, whatsapp=True, sms=False, daily_digest=True
        )
    assert "nomor seluler" in str(caught.value.errors["whatsapp"][0])
    assert not NotificationPreference.objects.filter(user=user).exists()
    assert stored(user) == (True, False, False, True)


def test_nobody_changes_someone_elses_preferences(demo):
    with pytest.raises(PermissionDenied):
        update_notification_preferences(
            demo.users["warga"],
            actor=demo.users["warga2"],
            email=False,
            whatsapp=False,
            sms=False,
            daily_digest=False,
        )
    assert stored(demo.users["warga"]) == (True, False, False, True)


# ---------------------------------------------------------------- the API


def test_the_api_needs_a_signed_in_caller(db):
    assert_error(APIClient().get(API), 401, "not_authenticated")
    assert_error(APIClient().put(API, {}, format="json"), 401)


def test_the_api_shows_the_defaults_and_what_is_available(demo, channels_on):
    user = with_phone(demo.users["warga"])
    body = api_for(user).get(API).json()
    assert body == {
        "in_app": True,
        "email": True,
        "whatsapp": False,
        "sms": False,
        "daily_digest": True,
        "email_address": user.email,
        "phone": "6281234567890",
        "available": {"email": True, "whatsapp": True, "sms": True, "daily_digest": False},
    }


def test_the_api_changes_the_preferences(demo, channels_on):
    user = with_phone(demo.users["kapuas.koordinator"])
    client = api_for(user)
    response = client.put(
        API, {"email": False, "whatsapp": True, "sms": False, "daily_digest": False}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["whatsapp"] is True
    assert stored(user) == (False, True, False, False)
    # daily_digest may be left out: it keeps its value
    client.put(API, {"email": True, "whatsapp": True, "sms": False}, format="json")
    assert stored(user) == (True, True, False, False)


def test_the_api_refuses_bad_input_and_changes_nothing(demo, channels_off):
    user = with_phone(demo.users["warga"])
    client = api_for(user)
    error = assert_error(client.put(API, {"email": "kadang"}, format="json"), 400)
    assert set(error["fields"]) == {"email", "whatsapp", "sms"}
    error = assert_error(
        client.put(API, {"email": True, "whatsapp": True, "sms": False}, format="json"),
        400,
        "validation_error",
    )
    assert "belum tersedia" in error["fields"]["whatsapp"][0]
    assert stored(user) == (True, False, False, True)
    assert not NotificationPreference.objects.filter(user=user).exists()


def test_the_api_is_in_the_schema(db):
    response = APIClient().get("/api/schema/?format=json")
    operations = response.json()["paths"][API]
    assert operations["get"]["operationId"] == "me_notification_preferences_retrieve"
    assert operations["put"]["operationId"] == "me_notification_preferences_update"


def test_the_admin_lists_preferences_read_only(demo):
    user = demo.users["warga"]
    update_notification_preferences(
        user, actor=user, email=False, whatsapp=False, sms=False, daily_digest=False
    )
    client = client_for(demo.users["nasional"])
    assert client.get("/admin/outbox/notificationpreference/").status_code == 200
    pref = NotificationPreference.objects.get(user=user)
    response = client.post(
        f"/admin/outbox/notificationpreference/{pref.pk}/change/", {"email": "on"}
    )
    assert response.status_code == 403
    assert stored(user) == (False, False, False, False)
