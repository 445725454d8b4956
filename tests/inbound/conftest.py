"""Fixtures for the inbound tests: secrets configured, routes to Kapuas, outgoing
WhatsApp and SMS switched on (so that receipts are queued on those channels)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.inbound.payloads import (
    EMAIL_SECRET,
    MAILBOX,
    SMS_SECRET,
    WA_PHONE_NUMBER_ID,
    WA_SECRET,
    WA_VERIFY,
)
from tuntas.demo.builder import Demo
from tuntas.inbound.models import InboundChannel, InboundRoute


@pytest.fixture(autouse=True)
def _inbound_settings(settings: Any) -> None:
    settings.TUNTAS_WHATSAPP_APP_SECRET = WA_SECRET
    settings.TUNTAS_WHATSAPP_VERIFY_TOKEN = WA_VERIFY
    settings.TUNTAS_SMS_WEBHOOK_SECRET = SMS_SECRET
    settings.TUNTAS_EMAIL_WEBHOOK_SECRET = EMAIL_SECRET
    settings.TUNTAS_WHATSAPP_API_URL = "https://graph.example.invalid/v21.0"
    settings.TUNTAS_WHATSAPP_PHONE_NUMBER_ID = "555"
    settings.TUNTAS_WHATSAPP_TOKEN = "token"
    settings.TUNTAS_SMS_GATEWAY_URL = "https://sms.example.invalid/send"


@pytest.fixture
def routes(demo: Demo) -> Demo:
    """The demo world with Kapuas receiving WhatsApp, SMS and e-mail."""
    kapuas = demo.orgs["kapuas"]
    InboundRoute.objects.create(
        channel=InboundChannel.WHATSAPP, destination=WA_PHONE_NUMBER_ID, pemda=kapuas
    )
    InboundRoute.objects.create(
        channel=InboundChannel.SMS, destination="081100000001", pemda=kapuas
    )
    InboundRoute.objects.create(channel=InboundChannel.EMAIL, destination=MAILBOX, pemda=kapuas)
    InboundRoute.objects.create(
        channel=InboundChannel.SMS, destination="MJL", pemda=demo.orgs["majalengka"]
    )
    return demo
