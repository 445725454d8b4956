"""The Content-Security-Policy refuses nothing the pages need: no violation in the console
on the main pages, for a citizen, staff and the admin (scripts, styles, htmx)."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage

from tests.e2e.browser import Site

PAGES = {
    None: ["/", "/lapor/", "/lacak/", "/akun/masuk/", "/statistik/", "/api/docs/"],
    "kapuas.koordinator": ["/petugas/", "/akun/keamanan/", "/petugas/kinerja/"],
    "nasional": ["/admin/", "/admin/accounts/user/", "/admin/organisations/membership/add/"],
    "warga": ["/laporan-saya/", "/akun/dua-langkah/pasang/"],
}


def test_no_page_breaks_the_policy(site: Site) -> None:
    refused: list[str] = []

    def collect(message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            refused.append(f"{message.location.get('url', '')}: {text}")

    for user, paths in PAGES.items():
        page = site.page(user=user)
        page.on("console", collect)
        for path in paths:
            response = page.goto(path)
            assert response is not None and response.status < 400, path
            page.wait_for_load_state("networkidle")
    assert refused == []
