"""Every date box holds its date in the one format ``<input type="date">`` accepts
(``YYYY-MM-DD``), in Indonesian and in English: a locale format (``30-08-2026``) is thrown
away by the browser, so an edit form came back with an empty date."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from lxml import html

from tests.conftest import client_for
from tests.oversight.test_evaluation import create
from tuntas.core.widgets import IsoDateInput
from tuntas.demo.builder import Demo
from tuntas.oversight.periods import default_recap_day

pytestmark = pytest.mark.django_db
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LANGUAGES = ["id", "en"]


def date_values(page: bytes) -> dict[str, str]:
    """name → value of every ``<input type="date">`` on the page."""
    tree = html.fromstring(page)
    return {i.get("name"): i.get("value", "") for i in tree.xpath("//input[@type='date']")}


def in_language(client: Client, language: str) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_widget_writes_iso_whatever_the_language(language: str) -> None:
    with translation.override(language):
        rendered = IsoDateInput().render("d", date(2026, 8, 30))
    assert 'type="date"' in rendered and 'value="2026-08-30"' in rendered


@pytest.mark.parametrize("language", LANGUAGES)
def test_editing_a_record_keeps_its_date_and_saves_unchanged(demo: Demo, language: str) -> None:
    held_on = timezone.localdate() - timedelta(days=3)
    record = create(demo, held_on=held_on)
    client = in_language(client_for(demo.users["kapuas.koordinator"]), language)
    page = client.get(f"/petugas/pengawasan/monev/{record.pk}/ubah/")
    assert page.status_code == 200
    shown = date_values(page.content)["held_on"]
    assert shown == held_on.isoformat()
    # Sent back as the browser would, with the date box untouched: saved, date kept.
    saved = client.post(
        f"/petugas/pengawasan/monev/{record.pk}/ubah/",
        {
            "pemda": record.pemda_id,
            "kind": record.kind,
            "title": "Rapat koordinasi (diperbaiki)",
            "held_on": shown,
            "place": record.place,
            "participants": record.participants,
            "minutes": record.minutes,
        },
    )
    assert saved.status_code == 302
    record.refresh_from_db()
    assert record.title == "Rapat koordinasi (diperbaiki)" and record.held_on == held_on


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_daily_recap_shows_the_day_it_is_about(demo: Demo, language: str) -> None:
    client = in_language(client_for(demo.users["kapuas.kasi"]), language)
    page = client.get("/petugas/pengawasan/rekap-harian/")
    assert page.status_code == 200
    day = default_recap_day(demo.orgs["kapuas"], timezone.now())
    assert date_values(page.content)["tanggal"] == day.isoformat()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("kapuas.koordinator", "/petugas/kinerja/?date_from=2026-01-05&date_to=2026-02-27"),
        ("kapuas.koordinator", "/petugas/pengawasan/monev/?dari=2026-01-05&sampai=2026-02-27"),
        ("kapuas.koordinator", "/petugas/pengawasan/monev/baru/"),
        ("kapuas.koordinator", "/petugas/kunci-api/baru/"),
        ("kapuas.koordinator", "/petugas/input/"),
        (None, "/lapor/"),
    ],
)
def test_every_date_box_holds_an_iso_date_or_nothing(
    demo: Demo, language: str, persona: str | None, path: str
) -> None:
    user = demo.users[persona] if persona else None
    page = in_language(client_for(user), language).get(path)
    assert page.status_code == 200, path
    values = date_values(page.content)
    assert values, f"no date box on {path}"
    assert all(v == "" or ISO.match(v) for v in values.values()), values
    if "date_from=" in path or "dari=" in path:
        assert sorted(v for v in values.values() if v) == ["2026-01-05", "2026-02-27"]
