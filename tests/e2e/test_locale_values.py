"""What a new user met in the Indonesian interface, in a real browser at 360 and 1280 px:
a date box that must show the saved date, bar charts that must draw their bars, a staff
header that must fit a phone, and the page icon."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.browser import DESKTOP, PHONE, Site
from tuntas.demo.builder import build_demo
from tuntas.demo.oversight import PAST_REPORTS, RECORD_TITLE, load_oversight_demo
from tuntas.oversight import actions
from tuntas.oversight.models import EvaluationRecord
from tuntas.oversight.periods import default_recap_day
from tuntas.reports.models import Report

VIEWPORTS = [pytest.param(PHONE, id="360px"), pytest.param(DESKTOP, id="1280px")]


def bar_widths(page: Page) -> list[float]:
    """The drawn width, in CSS pixels, of every bar of every chart on the page."""
    widths = page.evaluate(
        "() => [...document.querySelectorAll('figure.chart rect')]"
        ".map(r => r.getBoundingClientRect().width)"
    )
    return [float(w) for w in widths]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_recap_and_quarterly_charts_draw_their_bars(site: Site, viewport: dict[str, int]) -> None:
    demo = build_demo()
    load_oversight_demo(demo)
    report = Report.objects.filter(title=PAST_REPORTS[0].title).get()
    day = timezone.localtime(report.created_at).date()
    page = site.page(user="kapuas.kasi", viewport=viewport)
    page.goto(
        f"/petugas/pengawasan/rekap-harian/?organisasi={demo.orgs['kapuas'].pk}"
        f"&tanggal={day.isoformat()}"
    )
    expect(page.locator("#day-heading")).to_be_visible()
    widths = bar_widths(page)
    assert widths and min(widths) > 0
    # The largest figure fills most of the chart: a bar that is really drawn.
    chart_width = page.locator("figure.chart svg").first.bounding_box()
    assert chart_width is not None
    assert max(widths) > 0.5 * chart_width["width"]
    assert page.locator("input[name=tanggal]").input_value() == day.isoformat()

    quarterly = actions.compile_quarterly_report(
        pemda=demo.orgs["kapuas"],
        year=report.created_at.year,
        quarter=(timezone.localtime(report.created_at).month - 1) // 3 + 1,
        actor=demo.users["kapuas.koordinator"],
    )
    page.goto(f"/petugas/pengawasan/triwulan/{quarterly.pk}/")
    widths = bar_widths(page)
    assert widths and min(widths) > 0 and max(widths) > 50


def test_the_recap_date_box_shows_its_day(site: Site) -> None:
    demo = build_demo()
    page = site.page(user="kapuas.kasi", viewport=PHONE)
    page.goto("/petugas/pengawasan/rekap-harian/")
    day = default_recap_day(demo.orgs["kapuas"], timezone.now())
    assert page.locator("input[name=tanggal]").input_value() == day.isoformat()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_monitoring_record_saves_without_retyping_its_date(
    site: Site, viewport: dict[str, int]
) -> None:
    load_oversight_demo(build_demo())
    record = EvaluationRecord.objects.get(title=RECORD_TITLE)
    page = site.page(user="kapuas.koordinator", viewport=viewport)
    page.goto(f"/petugas/pengawasan/monev/{record.pk}/ubah/")
    date_box = page.locator("input[name=held_on]")
    assert date_box.input_value() == record.held_on.isoformat()
    page.locator("input[name=place]").fill("Aula Kantor Camat Selat")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    record.refresh_from_db()
    assert record.place == "Aula Kantor Camat Selat"
    assert f"/monev/{record.pk}/" in page.url and "/ubah/" not in page.url


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_coordinator_header_fits(site: Site, viewport: dict[str, int]) -> None:
    page = site.page(user="kapuas.koordinator", viewport=viewport)
    page.goto("/petugas/")
    header = page.locator("header.site-header")
    sizes = header.evaluate("h => [h.scrollWidth, h.clientWidth]")
    assert sizes[0] <= sizes[1], sizes
    rights = page.evaluate(
        "() => [...document.querySelectorAll('header.site-header a, header.site-header button')]"
        ".map(e => e.getBoundingClientRect().right)"
    )
    assert max(rights) <= viewport["width"]
    page.get_by_role("link", name="Integrasi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Integrasi dengan sistem lain")
    page.get_by_role("link", name="Webhook").click()
    assert page.url.endswith("/petugas/webhook/")


def test_pages_have_an_icon_and_favicon_ico_answers(site: Site) -> None:
    page = site.page(viewport=PHONE)
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto("/")
    href = page.locator("link[rel=icon]").first.get_attribute("href")
    assert href and href.endswith(".svg")
    assert page.request.get(href).status == 200
    icon = page.request.get("/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"] in (
        "image/x-icon",
        "image/vnd.microsoft.icon",
    )
    assert not failed, failed
