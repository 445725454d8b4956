"""Seed 003 SOP 3 in the browser: the main admin compiles the quarterly report from every
channel and hands it to the Kasi, who returns it for correction with a note; the admin
reads the note, corrects and re-compiles it and submits it again; the Kasi initials it, the
Kabid initials it, the Kasi checks the resolved reports and the Kabid disposes it to the
archive. Every sign-off shows who and when; the archived document downloads as PDF and
XLSX."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.browser import Site
from tuntas.demo.builder import build_demo
from tuntas.demo.oversight import PAST_REPORTS, load_oversight_demo
from tuntas.oversight.models import QuarterlyReport, QuarterlyState
from tuntas.reports.models import Report

KOORDINATOR = "kapuas.koordinator"
KASI = "kapuas.kasi"
KABID = "kapuas.kabid"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def move(page: Page, url: str, action: str, note: str | None = None) -> str:
    """Open the document, unfold the step's form, fill the note, send; the page's message."""
    page.goto(url)
    form = page.locator(f"form[action$='/aksi/{action}/']")
    form.locator("xpath=ancestor::details").locator("summary").click()
    if note is not None:
        form.locator("textarea").fill(note)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    return page.locator(".messages").first.inner_text()


def state(page: Page) -> str:
    return page.locator(".status").first.inner_text().strip()


def test_the_quarterly_report_from_compilation_to_archive(site: Site) -> None:
    load_oversight_demo(build_demo())
    in_quarter = list(
        Report.objects.filter(title__in=[p.title for p in PAST_REPORTS]).values_list(
            "tracking_id", flat=True
        )
    )
    assert len(in_quarter) == len(PAST_REPORTS)

    # The main admin compiles the last quarter that has ended (the form's default).
    admin = site.page(user=KOORDINATOR)
    admin.goto("/petugas/pengawasan/")
    admin.get_by_role("link", name="Laporan triwulan (paraf Kasi dan Kabid)").click()
    admin.get_by_label("Catatan dan analisis (boleh dikosongkan)").fill("Draf pertama.")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Susun laporan").click()
    expect(admin.locator(".messages")).to_contain_text("Laporan triwulan telah disusun")
    url = admin.url
    assert state(admin) == "Disusun admin utama"
    main = admin.locator("main")
    expect(main).to_contain_text("Disusun oleh Dewi Admin Utama Kapuas")
    for tracking_id in in_quarter:
        expect(main).to_contain_text(tracking_id)
    expect(main).to_contain_text("WhatsApp")  # counted from every channel
    assert "diajukan ke Kasi" in move(admin, url, "submit")
    assert state(admin) == "Menunggu pemeriksaan Kasi"

    # The Kasi finds it in the queue and returns it with a note (a note is required).
    kasi = site.page(user=KASI)
    kasi.goto("/petugas/pengawasan/")
    expect(kasi.locator("#queue-heading + *")).to_contain_text("Menunggu pemeriksaan Kasi")
    assert "wajib diisi" in move(kasi, url, "return", note="")
    assert state(kasi) == "Menunggu pemeriksaan Kasi"
    assert "dikembalikan" in move(
        kasi, url, "return", note="Tambahkan analisis kanal WhatsApp dan surat kabar."
    )
    assert state(kasi) == "Dikembalikan untuk diperbaiki"

    # The admin is told, reads the note, corrects, re-compiles and submits again.
    admin.goto("/akun/notifikasi/")
    expect(admin.locator("main")).to_contain_text("Laporan triwulan dikembalikan")
    admin.goto(url)
    note = admin.locator(".returned-note")
    expect(note).to_contain_text("Tambahkan analisis kanal WhatsApp dan surat kabar.")
    expect(note).to_contain_text("Lina Kasi Pengelolaan Aduan")
    admin.locator("summary", has_text="Perbaiki dan susun ulang").click()
    admin.get_by_label("Catatan dan analisis (boleh dikosongkan)").fill(
        "Aduan lewat WhatsApp dan surat kabar ditangani sama cepat dengan kanal LAPOR!."
    )
    with admin.expect_navigation():
        admin.get_by_role("button", name="Susun ulang").click()
    expect(admin.locator("main")).to_contain_text("penyusunan ke-2")
    move(admin, url, "submit")

    # Kasi initials, Kabid initials, Kasi checks the resolved reports, Kabid archives.
    assert "diparaf" in move(kasi, url, "initial")
    kabid = site.page(user=KABID)
    assert "diparaf" in move(kabid, url, "initial", note="Sesuai.")
    assert "diparaf" in move(kasi, url, "check_resolved")
    assert "diarsipkan" in move(kabid, url, "archive", note="Bahan rapat evaluasi triwulan.")
    assert state(kabid) == "Diarsipkan sebagai bahan rapat evaluasi triwulan"
    expect(kabid.locator("main")).to_contain_text(
        "Tidak ada tindakan yang dapat Anda lakukan pada laporan ini saat ini."
    )

    # Every sign-off, with who and when.
    rows = kabid.locator("table.signoffs tbody tr")
    expect(rows).to_have_count(7)
    expected = [
        ("Dewi Admin Utama Kapuas", "Diajukan"),
        ("Lina Kasi Pengelolaan Aduan", "Dikembalikan untuk diperbaiki"),
        ("Dewi Admin Utama Kapuas", "Diajukan"),
        ("Lina Kasi Pengelolaan Aduan", "Diparaf"),
        ("Fajar Kabid IKP", "Diparaf"),
        ("Lina Kasi Pengelolaan Aduan", "Aduan selesai dicek dan diparaf"),
        ("Fajar Kabid IKP", "Didisposisikan untuk diarsipkan"),
    ]
    for i, (who, decision) in enumerate(expected):
        row = rows.nth(i)
        expect(row).to_contain_text(who)
        expect(row).to_contain_text(decision)
        assert row.locator("time").get_attribute("datetime")
    report = QuarterlyReport.objects.get()
    assert report.state == QuarterlyState.ARCHIVED

    # The archived document downloads with its letterhead and sign-offs.
    for label, content_type in (("PDF", "application/pdf"), ("Excel (XLSX)", XLSX)):
        href = kabid.get_by_role("link", name=label, exact=True).get_attribute("href")
        assert href
        response = kabid.request.get(href)
        assert response.status == 200
        assert response.headers["content-type"] == content_type
        assert len(response.body()) > 1000
