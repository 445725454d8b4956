"""Every page names its icon, and /favicon.ico (which browsers ask for anyway) answers."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_shipped_icon() -> None:
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/static/tuntas/favicon.ico")
    path = finders.find("tuntas/favicon.ico")
    assert path is not None
    with Image.open(path) as icon:
        assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]


def test_a_post_to_favicon_ico_is_refused() -> None:
    assert Client().post("/favicon.ico").status_code == 405


@pytest.mark.parametrize("path", ["/", "/lapor/", "/akun/masuk/", "/statistik/"])
def test_pages_link_their_icon(path: str) -> None:
    page = Client().get(path).content.decode()
    assert '<link rel="icon" href="/static/tuntas/favicon.svg" type="image/svg+xml">' in page
    svg = finders.find("tuntas/favicon.svg")
    assert svg is not None
    with open(svg, encoding="utf-8") as file:
        assert file.read().startswith("<svg")
