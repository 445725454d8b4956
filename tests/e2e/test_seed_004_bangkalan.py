"""Seed 004 (Diskominfo Kab. Bangkalan) through the real pages: a citizen without an
account sends a report with contact details, the coordinator verifies and disposes it to
Dishub, the agency's liaison handles and publishes the follow-up, and the citizen comes
back later with the tracking ID and access code to read it and reply."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.browser import (
    Receipt,
    Site,
    inbox_rows,
    staff_action,
    staff_timeline,
    status_text,
    submit_report,
)

PEMDA = "Kab. Bangkalan"
KOORDINATOR = "bangkalan.koordinator"
PENGHUBUNG = "bangkalan.dishub.penghubung"
ADMIN = "bangkalan.dishub.admin"


def send_without_account(site: Site) -> Receipt:
    visitor = site.page()
    return submit_report(
        visitor,
        pemda=PEMDA,
        category="Lampu lalu lintas dan rambu",
        title="Lampu lalu lintas simpang Socah mati",
        description="Lampu lalu lintas di simpang tiga Socah mati sejak Senin, rawan tabrakan.",
        contact={"Nama Anda": "Moh. Holil", "Nomor telepon / WhatsApp": "081330001122"},
    )


def track(page: Page, tracking_id: str, access_code: str) -> None:
    page.goto("/lacak/")
    page.get_by_label("Nomor pelacakan").fill(tracking_id)
    page.get_by_label("Kode akses").fill(access_code)
    with page.expect_navigation():
        page.get_by_role("button", name="Buka laporan").click()


def test_a_citizen_without_an_account_tracks_the_report_and_replies(site: Site) -> None:
    receipt = send_without_account(site)
    tid = receipt.tracking_id
    assert len(receipt.access_code) >= 8

    koordinator = site.page(user=KOORDINATOR)
    assert tid in inbox_rows(koordinator)
    koordinator.goto(f"/petugas/laporan/{tid}/")
    expect(koordinator.locator("section[aria-labelledby=h-reporter]")).to_contain_text(
        "081330001122"
    )
    staff_action(koordinator, tid, "verify")
    assert "didisposisikan ke OPD" in staff_action(koordinator, tid, "dispose")
    assert (
        "Dishub Bangkalan"
        in koordinator.locator("section[aria-labelledby=h-agencies]").inner_text()
    )

    # The liaison officer accepts; the anonymous reporter stays hidden from the agency.
    penghubung = site.page(user=PENGHUBUNG)
    assert tid in inbox_rows(penghubung)
    staff_action(penghubung, tid, "accept")
    assert status_text(penghubung) == "Diterima OPD"
    reporter_card = penghubung.locator("section[aria-labelledby=h-reporter]").inner_text()
    assert "081330001122" not in reporter_card
    assert "Dirahasiakan (anonim)" in reporter_card

    # The liaison admin writes the follow-up, the officer approves, the admin publishes.
    admin = site.page(user=ADMIN)
    answer = "Lampu lalu lintas simpang Socah sudah diperbaiki teknisi Dishub pada Selasa."
    staff_action(
        admin,
        tid,
        "submit_draft",
        lambda form: form.get_by_label("Rumusan tindak lanjut").fill(answer),
    )
    assert status_text(admin) == "Rumusan tindak lanjut menunggu persetujuan"
    assert tid in inbox_rows(penghubung)
    assert "disetujui" in staff_action(penghubung, tid, "approve_draft")
    assert "disampaikan kepada pelapor" in staff_action(admin, tid, "publish_followup")
    assert status_text(admin) == "Ditindaklanjuti: menunggu tanggapan pelapor"

    # Days later, on another device: tracking ID + access code open the report.
    later = site.page()
    track(later, tid, receipt.access_code.lower())  # typed in lower case still works
    assert f"/laporan/{tid}/" in later.url
    assert status_text(later) == "Ditindaklanjuti: menunggu tanggapan pelapor"
    expect(later.locator("main")).to_contain_text(answer)
    expect(later.locator("main")).to_contain_text("Moh. Holil")
    later.get_by_label("Y — Puas", exact=False).check()
    later.get_by_label("Penilaian").select_option("5")
    with later.expect_navigation():
        later.get_by_role("button", name="Kirim tanggapan").click()
    assert status_text(later) == "Selesai"

    koordinator.goto(f"/petugas/laporan/{tid}/")
    assert status_text(koordinator) == "Selesai"
    expect(koordinator.locator("section[aria-labelledby=h-feedback]")).to_contain_text("5/5")
    assert "Puas (Y)" in staff_timeline(koordinator)


def test_a_wrong_access_code_opens_nothing(site: Site) -> None:
    receipt = send_without_account(site)
    stranger = site.page()
    track(stranger, receipt.tracking_id, "SALAH123")
    assert "/lacak/" in stranger.url
    expect(stranger.locator("main")).to_contain_text("kode akses tidak cocok")
    assert "Lampu lalu lintas simpang Socah" not in stranger.locator("main").inner_text()
    response = stranger.goto(f"/laporan/{receipt.tracking_id}/")
    assert response is not None
    assert "Lampu lalu lintas simpang Socah" not in stranger.locator("main").inner_text()


def test_a_visitor_must_leave_a_way_to_be_reached(site: Site) -> None:
    visitor = site.page()
    visitor.goto("/lapor/")
    visitor.get_by_label("Pemerintah daerah tujuan").select_option(label=PEMDA)
    visitor.get_by_label("Judul laporan").fill("Rambu dilarang parkir roboh")
    visitor.get_by_label("Isi laporan").fill("Rambu di depan Pasar Bangkalan roboh sejak kemarin.")
    visitor.get_by_label("Nama Anda").fill("Moh. Holil")
    with visitor.expect_navigation():
        visitor.get_by_role("button", name="Kirim laporan").click()
    assert visitor.locator("#tracking-id").count() == 0
    expect(visitor.locator("main")).to_contain_text(
        "Isi e-mail atau nomor telepon agar kami dapat mengabari Anda."
    )
