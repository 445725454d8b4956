"""Keyboard alone: a citizen sends a report and a coordinator verifies one, with Tab,
typing, arrow keys, space and Enter; focus is always visible and a skip link comes first."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.browser import (
    TRACKING_ID,
    Site,
    focus_outline,
    load_sample_reports,
    status_text,
    tab_to,
)
from tuntas.reports.models import Report, Status


def test_the_first_tab_reaches_a_visible_skip_link_to_the_content(site: Site) -> None:
    page = site.page()
    page.goto("/lapor/")
    page.keyboard.press("Tab")
    link = page.locator(":focus")
    assert link.get_attribute("href") == "#main"
    box = link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] > 0, "skip link stays off screen"
    page.keyboard.press("Enter")
    # The fragment navigation lands a moment after the key press.
    expect(page).to_have_url(re.compile(r"#main$"))
    page.keyboard.press("Tab")
    # The next stop is inside the content, not the header navigation again.
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_focused_links_and_buttons_show_an_outline(site: Site) -> None:
    page = site.page()
    page.goto("/lapor/")
    for selector in ("header nav a", "main a", "main button[type=submit]", "#id_title"):
        tab_to(page, selector)
        style, width = focus_outline(page)
        assert style != "none" and width >= 2, f"{selector}: outline {style} {width}px"


def test_a_citizen_sends_a_report_with_the_keyboard_only(site: Site) -> None:
    page = site.page(user="warga")
    page.goto("/lapor/")
    tab_to(page, "#id_pemda")
    page.keyboard.press("ArrowDown")  # the first government after the empty choice
    assert page.input_value("#id_pemda")
    tab_to(page, "#id_classification")
    tab_to(page, "#id_title")
    page.keyboard.type("Lampu jalan mati di Jalan Melati")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_description"
    page.keyboard.type("Sudah dua minggu lampu jalan di depan rumah nomor 12 mati.")
    tab_to(page, "#id_is_confidential")
    assert page.is_checked("#id_is_confidential")
    page.keyboard.press("Space")
    assert not page.is_checked("#id_is_confidential")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/lapor/terkirim/**")
    tracking_id = page.locator("#tracking-id").inner_text().strip()
    assert TRACKING_ID.fullmatch(tracking_id)
    report = Report.objects.get(tracking_id=tracking_id)
    assert report.title == "Lampu jalan mati di Jalan Melati"
    assert report.reporter is not None and report.reporter.username == "warga"
    assert not report.is_confidential


def test_a_coordinator_verifies_a_report_with_the_keyboard_only(site: Site) -> None:
    tracking_id = load_sample_reports()["kapuas-new"][0]
    page = site.page(user="kapuas.koordinator")
    page.goto(f"/petugas/laporan/{tracking_id}/")
    tab_to(page, "#aksi-verify > summary")
    style, width = focus_outline(page)
    assert style != "none" and width >= 2
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('aksi-verify').open")
    tab_to(page, "#aksi-verify textarea, #aksi-verify input[type=text]")
    page.keyboard.type("Data lengkap, lokasi jelas.")
    tab_to(page, "#aksi-verify button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Report.objects.get(tracking_id=tracking_id).status == Status.VERIFIED
    assert "Laporan terverifikasi." in page.locator("main").inner_text()
    assert status_text(page)
