"""On a 360 px phone no main page scrolls sideways."""

from __future__ import annotations

import pytest

from tests.e2e.browser import PAGE_GROUPS, PHONE, Site, sideways_overflow, walk_pages


@pytest.mark.parametrize("group", PAGE_GROUPS)
def test_no_page_scrolls_sideways_on_a_360px_phone(site: Site, group: str) -> None:
    too_wide: list[str] = []
    seen = 0
    for spec, page in walk_pages(site, group, viewport=PHONE):
        seen += 1
        assert page.evaluate("window.innerWidth") == PHONE["width"]
        overflow = sideways_overflow(page)
        if overflow:
            too_wide.append(f"{spec.name} ({page.url}): {overflow}px too wide")
    assert seen >= 4
    assert not too_wide, "\n".join(too_wide)


def test_the_check_catches_a_page_that_is_too_wide(site: Site) -> None:
    page = site.page(viewport=PHONE)
    page.goto("/")
    assert sideways_overflow(page) == 0
    # Through the CSSOM: the Content-Security-Policy refuses inline style attributes.
    page.evaluate(
        """() => { const wide = document.createElement('div'); wide.style.width = '500px';
            wide.textContent = 'x'; document.querySelector('main').append(wide); }"""
    )
    assert sideways_overflow(page) > 0
