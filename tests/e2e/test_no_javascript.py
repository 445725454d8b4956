"""Without JavaScript the citizen still sends a report (with a photo), signed in or
anonymous with contact details, and a coordinator still acts on a report."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page

from tests.citizen.files import image_bytes
from tests.e2e.browser import TRACKING_ID, Site, load_sample_reports, status_text, track
from tuntas.reports.models import Report, Status


def _fill_report(page: Page, title: str, photo: Path) -> None:
    page.select_option("#id_pemda", label="Kab. Kapuas")
    page.fill("#id_title", title)
    page.fill("#id_description", "Tiang lampu miring dan kabelnya menjuntai ke trotoar.")
    page.set_input_files("#id_attachments", str(photo))


def _send(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def _photo(tmp_path: Path) -> Path:
    photo = tmp_path / "tiang.png"
    photo.write_bytes(image_bytes("PNG", (32, 24)))
    return photo


def test_no_script_runs_on_the_page(site: Site) -> None:
    page = site.page(javascript=False)
    page.goto("/lapor/")
    assert page.evaluate("1 + 1") == 2  # Playwright's own evaluation still works
    assert page.evaluate("typeof window.htmx") == "undefined"


def test_a_signed_in_citizen_sends_a_report_with_a_photo_without_javascript(
    site: Site, tmp_path: Path
) -> None:
    page = site.page(user="warga", javascript=False)
    page.goto("/lapor/")
    _fill_report(page, "Tiang lampu miring di Jalan Kenanga", _photo(tmp_path))
    _send(page)
    assert "/lapor/terkirim/" in page.url
    tracking_id = page.locator("#tracking-id").inner_text().strip()
    report = Report.objects.get(tracking_id=tracking_id)
    assert report.title == "Tiang lampu miring di Jalan Kenanga"
    assert report.reporter is not None and report.reporter.username == "warga"
    # Stored under a neutral name, never the uploaded one (docs/security.md).
    names = [a.original_name for a in report.attachments.all()]
    assert len(names) == 1 and re.fullmatch(rf"{tracking_id}-\d+\.png", names[0]), names


def test_an_anonymous_citizen_sends_a_report_and_tracks_it_without_javascript(
    site: Site, tmp_path: Path
) -> None:
    page = site.page(javascript=False)
    page.goto("/lapor/")
    _fill_report(page, "Tiang lampu miring di Jalan Dahlia", _photo(tmp_path))
    page.fill("#id_reporter_name", "Ahmad Fauzi")
    page.fill("#id_reporter_phone", "081234567891")
    _send(page)
    assert "/lapor/terkirim/" in page.url, page.locator("main").inner_text()
    tracking_id = page.locator("#tracking-id").inner_text().strip()
    access_code = page.locator("#access-code").inner_text().strip()
    assert TRACKING_ID.fullmatch(tracking_id)
    assert access_code
    report = Report.objects.get(tracking_id=tracking_id)
    assert report.reporter is None and report.reporter_name == "Ahmad Fauzi"
    assert report.attachments.count() == 1

    later = site.page(javascript=False)
    track(later, tracking_id, access_code)
    assert "Tiang lampu miring di Jalan Dahlia" in later.locator("main").inner_text()


def test_a_form_with_a_mistake_comes_back_without_javascript(site: Site) -> None:
    page = site.page(javascript=False)
    page.goto("/lapor/")
    page.fill("#id_title", "Judul tanpa isi")
    _send(page)
    assert "/lapor/" in page.url and "/terkirim/" not in page.url
    assert page.locator(".errorlist").count()
    assert page.input_value("#id_title") == "Judul tanpa isi"
    assert not Report.objects.filter(title="Judul tanpa isi").exists()


def test_a_coordinator_verifies_a_report_without_javascript(site: Site) -> None:
    tracking_id = load_sample_reports()["kapuas-new"][0]
    page = site.page(user="kapuas.koordinator", javascript=False)
    page.goto(f"/petugas/laporan/{tracking_id}/")
    page.locator("#aksi-verify > summary").click()
    form = page.locator("#aksi-verify form")
    form.locator("textarea, input[type=text]").first.fill("Lengkap.")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert Report.objects.get(tracking_id=tracking_id).status == Status.VERIFIED
    assert "Laporan terverifikasi." in page.locator("main").inner_text()
    assert status_text(page)
