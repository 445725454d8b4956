"""The webhook pages in a real browser: usable without JavaScript on a 360 px phone,
with no serious accessibility violations."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.browser import PHONE, Site, axe_violations, sideways_overflow
from tuntas.webhooks.models import WebhookSubscription

LONG_URL = "https://hooks.dinas-komunikasi-dan-informatika.kapuaskab.example.go.id/" + (
    "integrasi/tuntas/peristiwa-laporan/" * 4
)


def _checked(page: Page, name: str) -> None:
    assert sideways_overflow(page) == 0, f"{name} scrolls sideways"
    assert axe_violations(page) == [], name


def test_a_coordinator_subscribes_without_javascript_on_a_phone(site: Site) -> None:
    page = site.page("kapuas.koordinator", viewport=PHONE, javascript=False)
    page.goto("/petugas/webhook/")
    page.get_by_role("link", name="Tambah langganan").click()
    page.get_by_label("Alamat tujuan (URL)").fill(LONG_URL)
    page.get_by_label("Laporan ditutup").check()
    page.get_by_label("Keterangan").fill("Dasbor Bupati")
    page.get_by_role("button", name="Simpan").click()
    sub = WebhookSubscription.objects.get()
    assert sub.secret in page.locator("main").inner_text()
    # The secret page is checked without scripts; axe needs them, on a second look below.
    assert sideways_overflow(page) == 0

    checker = site.page("kapuas.koordinator", viewport=PHONE)
    for path in ("/petugas/webhook/", "/petugas/webhook/baru/", f"/petugas/webhook/{sub.pk}/"):
        checker.goto(path)
        _checked(checker, path)
    checker.get_by_role("button", name="Kirim ping uji").click()
    _checked(checker, "after ping")
