"""Fixtures for the browser tests: one chromium per test process, the live server with the
demo world, and a ``site`` to open pages on it as any persona."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.e2e.browser import ARGS, CHROMIUM, REQUIRED, Site, chromium_available
from tuntas.demo.builder import build_demo
from tuntas.workdays.calendars import clear_calendar_cache

# Playwright's sync API runs an event loop in this thread; the Django calls the tests make
# between page actions are ordinary blocking calls and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not chromium_available():
        message = f"chromium not found at {CHROMIUM} (set TUNTAS_CHROMIUM)"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(browser: Browser, live_server: object, transactional_db: None) -> Iterator[Site]:
    """The demo world on a live server; contexts opened through it are closed after."""
    clear_calendar_cache()
    build_demo()
    site = Site(browser=browser, base_url=str(live_server))
    contexts_before = set(browser.contexts)
    yield site
    for ctx in set(browser.contexts) - contexts_before:
        ctx.close()
    clear_calendar_cache()
