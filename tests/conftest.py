"""Shared fixtures: the demo world and its named personas."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tuntas.accounts.models import User
from tuntas.demo.builder import Demo, build_demo
from tuntas.workdays.calendars import clear_calendar_cache

JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def demo(db: None) -> Iterator[Demo]:
    clear_calendar_cache()
    yield build_demo()
    clear_calendar_cache()


@pytest.fixture
def at() -> object:
    """``at(2026, 11, 23, 9)`` → an aware datetime in Asia/Jakarta."""

    def make(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
        return datetime(year, month, day, hour, minute, tzinfo=JAKARTA)

    return make


def client_for(user: User | None) -> Client:
    """A client signed in as ``user``; for someone who needs a second factor, with a
    session that passed it (their test authenticator, ``tests/two_factor.py``)."""
    from tests.two_factor import needs_code, verify_session

    client = Client()
    if user is not None:
        client.force_login(user)
        if needs_code(user):
            verify_session(client, user)
    return client


@pytest.fixture(autouse=True)
def interface_language() -> Iterator[None]:
    """Every test starts and ends in the default language: a page asked for in English
    leaves English active in its thread (the locale middleware does not switch back), and
    a later test in the same worker would read English labels."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
