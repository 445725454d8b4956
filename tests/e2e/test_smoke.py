"""The browser can reach the product at all: the home page and a staff sign-in."""

from __future__ import annotations

from tests.e2e.browser import Site


def test_the_home_page_opens_in_indonesian(site: Site) -> None:
    page = site.page()
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.title()


def test_a_coordinator_signs_in_and_sees_the_inbox(site: Site) -> None:
    page = site.page(user="kapuas.koordinator")
    page.goto("/petugas/")
    assert "Kotak masuk" in page.locator("main").inner_text() or page.locator("h1").count()
