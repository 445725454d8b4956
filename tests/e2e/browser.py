"""Debian's chromium driven by Playwright, against the live test server.

``TUNTAS_CHROMIUM`` names the browser (default ``/usr/bin/chromium``). Without it the
browser tests are skipped, unless ``TUNTAS_REQUIRE_BROWSER=1`` (set by CI), which turns
the skip into a failure so that CI can never pass without them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Locator, Page

from tuntas.demo.builder import DEMO_PASSWORD

CHROMIUM = os.environ.get("TUNTAS_CHROMIUM", "/usr/bin/chromium")
REQUIRED = os.environ.get("TUNTAS_REQUIRE_BROWSER", "") == "1"
# The flags a sandboxed, offline CI machine needs (see the environment notes).
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
TRACKING_ID = re.compile(r"LPR-\d{4}-[A-Z0-9]{6}")
ROOT = Path(__file__).resolve().parents[2]


def chromium_available() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


@dataclass
class Site:
    """The running product as one browser sees it."""

    browser: Browser
    base_url: str

    def context(
        self,
        *,
        viewport: dict[str, int] | None = None,
        javascript: bool = True,
        user: str | None = None,
    ) -> BrowserContext:
        ctx = self.browser.new_context(
            base_url=self.base_url,
            viewport=viewport or DESKTOP,  # type: ignore[arg-type]  # plain dict is accepted
            java_script_enabled=javascript,
            locale="id-ID",
        )
        ctx.set_default_timeout(15_000)
        if user is not None:
            sign_in(ctx.new_page(), user)
        return ctx

    def page(self, user: str | None = None, **kwargs: object) -> Page:
        ctx = self.context(user=user, **kwargs)  # type: ignore[arg-type]
        return ctx.pages[0] if ctx.pages else ctx.new_page()


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/akun/masuk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if "/akun/masuk/" in page.url:
        raise AssertionError(
            f"could not sign in as {username}: {page.locator('main').inner_text()}"
        )


def staff_action(
    page: Page,
    tracking_id: str,
    action: str,
    fill: Callable[[Locator], object] | None = None,
) -> str:
    """Open the staff report page, unfold the action's form, fill it, send it; returns the
    page's message (success or error) text."""
    page.goto(f"/petugas/laporan/{tracking_id}/")
    form = page.locator(f"form[action$='/aksi/{action}/']")
    details = form.locator("xpath=ancestor::details")
    if details.count():
        details.locator("summary").first.click()
    if fill is not None:
        fill(form)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    messages = page.locator(".messages, .errorlist, [role=alert]")
    return messages.first.inner_text() if messages.count() else ""


def status_text(page: Page) -> str:
    return page.locator(".status").first.inner_text().strip()
