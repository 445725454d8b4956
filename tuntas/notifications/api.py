"""GET/PUT /api/me/notification-preferences/: the caller's own channel preferences."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from tuntas.accounts.models import User
from tuntas.api.auth import current_user
from tuntas.api.errors import error_responses
from tuntas.api.serializers.base import Input
from tuntas.api.views.base import ApiView
from tuntas.organisations.authority import scope_of
from tuntas.outbox.models import NotificationPreference
from tuntas.outbox.preferences import (
    availability_for,
    preference_of,
    update_notification_preferences,
)

TAGS = ["me"]


class AvailableSerializer(serializers.Serializer[Any]):
    email = serializers.BooleanField(help_text="The account has an e-mail address.")
    whatsapp = serializers.BooleanField(
        help_text="WhatsApp is set up on this server and the account has a mobile number."
    )
    sms = serializers.BooleanField(
        help_text="SMS is set up on this server and the account has a mobile number."
    )
    daily_digest = serializers.BooleanField(help_text="Only staff receive the daily digest.")


class PreferencesOutputSerializer(serializers.Serializer[Any]):
    in_app = serializers.BooleanField(help_text="In-app notifications are always on.")
    email = serializers.BooleanField()
    whatsapp = serializers.BooleanField()
    sms = serializers.BooleanField()
    daily_digest = serializers.BooleanField(
        help_text="Staff: a 07:00 summary of late reports and those due by the next working day."
    )
    email_address = serializers.CharField(help_text="Where e-mail goes ('' when none).")
    phone = serializers.CharField(
        help_text="The mobile number WhatsApp and SMS go to, as 628… ('' when none or invalid)."
    )
    available = AvailableSerializer()

    class Meta:
        ref_name = "NotificationPreferences"


class PreferencesInputSerializer(Input):
    email = serializers.BooleanField()
    whatsapp = serializers.BooleanField()
    sms = serializers.BooleanField()
    daily_digest = serializers.BooleanField(
        required=False, help_text="Omit to keep the current value."
    )

    class Meta:
        ref_name = "NotificationPreferencesInput"


def present(user: User, pref: NotificationPreference) -> dict[str, Any]:
    can = availability_for(user)
    return {
        "in_app": True,
        "email": pref.email,
        "whatsapp": pref.whatsapp,
        "sms": pref.sms,
        "daily_digest": pref.daily_digest,
        "email_address": can.email_address,
        "phone": can.phone,
        "available": {
            "email": can.email,
            "whatsapp": can.whatsapp,
            "sms": can.sms,
            "daily_digest": scope_of(user).is_staff,
        },
    }


def _caller(request: Request) -> User:
    user = current_user(request)
    assert user is not None  # IsAuthenticated refused anonymous callers
    return user


class NotificationPreferencesApi(ApiView):
    """The signed-in caller's notification channels."""

    @extend_schema(
        operation_id="me_notification_preferences_retrieve",
        summary="Your notification preferences",
        responses={200: PreferencesOutputSerializer, **error_responses(401)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        user = _caller(request)
        return Response(PreferencesOutputSerializer(present(user, preference_of(user))).data)

    @extend_schema(
        operation_id="me_notification_preferences_update",
        summary="Change your notification preferences",
        description=(
            "In-app notifications are always on. Switching on a channel that cannot reach "
            "you (no e-mail address or mobile number on the account, or the channel not "
            "set up on this server) is refused with 400 and nothing changes."
        ),
        request=PreferencesInputSerializer,
        responses={200: PreferencesOutputSerializer, **error_responses(400, 401)},
        tags=TAGS,
    )
    def put(self, request: Request) -> Response:
        user = _caller(request)
        form = PreferencesInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        current = preference_of(user)
        pref = update_notification_preferences(
            user,
            actor=user,
            email=data["email"],
            whatsapp=data["whatsapp"],
            sms=data["sms"],
            daily_digest=data.get("daily_digest", current.daily_digest),
        )
        return Response(PreferencesOutputSerializer(present(user, pref)).data)
