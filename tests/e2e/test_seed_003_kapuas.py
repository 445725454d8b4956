"""Seed 003 (Diskominfo Kab. Kapuas) through the real pages: SOP 1 (intake, review, hold
until the reporter completes the data), SOP 2 (the liaison's follow-up with a field check
and Berita Acara, a clarification asked of the reporter), SOPs 5 and 6 (reports from
outside channels typed in by the coordinator and by an agency's liaison admin).

SOP 3 (quarterly report: Kasi and Kabid initial it) and SOP 4 (monitoring and evaluation)
have no pages yet, so Kasi and Kabid do not appear here."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from tests.e2e.browser import (
    TRACKING_ID,
    Site,
    citizen_page,
    citizen_reply,
    inbox_rows,
    notifications_text,
    png_upload,
    staff_action,
    staff_timeline,
    status_text,
    submit_report,
)
from tests.reports.sweep.seeds import SEEDS, accepted
from tuntas.demo.builder import build_demo
from tuntas.reports import actions
from tuntas.reports.actions import Actor

PEMDA = "Kab. Kapuas"
KOORDINATOR = "kapuas.koordinator"
PENGHUBUNG = "kapuas.pupr.penghubung"
ADMIN = "kapuas.pupr.admin"
KADIS = "kapuas.pupr.kadis"
STAF = "kapuas.pupr.staf"
Fill = Callable[[Locator], None]


def fields(**values: str) -> Fill:
    """Fill text fields of an action form by label."""

    def fill(form: Locator) -> None:
        for label, value in values.items():
            form.get_by_label(label.replace("_", " ")).fill(value)

    return fill


def test_a_held_report_is_completed_by_the_citizen_and_reaches_the_division(site: Site) -> None:
    citizen = site.page(user="warga")
    tid = submit_report(
        citizen,
        pemda=PEMDA,
        category="Jalan rusak",
        title="Jalan rusak di Selat",
        description="Jalannya rusak parah, mohon diperbaiki.",
    ).tracking_id

    # SOP 1: the coordinator holds it (tunda) until the reporter completes the data.
    koordinator = site.page(user=KOORDINATOR)
    assert tid in inbox_rows(koordinator)

    def missing(form: Locator) -> None:
        form.get_by_label("Data yang perlu dilengkapi pelapor").fill(
            "Alamat lengkap dan foto lokasi jalan yang rusak."
        )

    assert "pelapor diminta melengkapi data" in staff_action(koordinator, tid, "hold", missing)
    assert status_text(koordinator) == "Ditunda: menunggu kelengkapan data"
    assert tid not in inbox_rows(koordinator)

    # The citizen is told, sees the request on the report page and completes the data.
    assert tid in notifications_text(citizen)
    assert citizen_page(citizen, tid) == "Ditunda: menunggu kelengkapan data"
    expect(citizen.locator("main")).to_contain_text("Alamat lengkap dan foto lokasi")
    citizen.get_by_label("Data yang Anda lengkapi").fill(
        "Jl. Tambun Bungai dekat SDN 1 Selat Hilir, lubang sepanjang 20 meter."
    )
    citizen.get_by_label("Lampiran tambahan").set_input_files([png_upload("lubang.png")])
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="Kirim kelengkapan data").click()
    assert status_text(citizen) == "Menunggu verifikasi"
    # The file is listed under its neutral name, never the uploaded one.
    expect(citizen.locator("main")).to_contain_text(re.compile(rf"{tid}-\d+\.png"))
    expect(citizen.locator("main")).not_to_contain_text("lubang.png")

    # Back with the coordinator, now complete: verify and dispose to Dinas PUPR.
    assert tid in inbox_rows(koordinator)
    koordinator.goto(f"/petugas/laporan/{tid}/")
    expect(koordinator.locator("main")).to_contain_text("Jl. Tambun Bungai")
    staff_action(koordinator, tid, "verify")
    staff_action(koordinator, tid, "dispose")
    assert status_text(koordinator) == "Didisposisikan: menunggu diterima OPD"

    # SOP 2: liaison officer accepts, Kadis disposes to Bidang Bina Marga.
    penghubung = site.page(user=PENGHUBUNG)
    assert tid in inbox_rows(penghubung)
    staff_action(penghubung, tid, "accept")
    assert status_text(penghubung) == "Diterima OPD"
    kadis = site.page(user=KADIS)
    assert tid in inbox_rows(kadis)
    staff_action(
        kadis,
        tid,
        "dispose_internally",
        lambda form: form.get_by_label("Bidang").select_option(label="Bidang Bina Marga"),
    )
    assert status_text(kadis) == "Ditangani bidang"

    staf = site.page(user=STAF)
    assert tid in inbox_rows(staf)


def test_the_division_checks_in_the_field_asks_the_reporter_and_answers(site: Site) -> None:
    # Accepted by Dinas PUPR through the actions (the pages are walked in the test above).
    demo = build_demo()
    report = accepted(demo, SEEDS[2], timezone.now())
    tid = report.tracking_id
    kadis = site.page(user=KADIS)
    staff_action(
        kadis,
        tid,
        "dispose_internally",
        lambda form: form.get_by_label("Bidang").select_option(label="Bidang Bina Marga"),
    )
    assert status_text(kadis) == "Ditangani bidang"

    # The staff records the field check with its Berita Acara (number, photo, scan).
    staf = site.page(user=STAF)
    assert tid in inbox_rows(staf)
    check_field(staf, tid)

    # ... and asks the reporter a clarification, which the citizen answers.
    question = "Apakah lubang juga ada di jalan samping sekolah?"
    sent = staff_action(
        staf, tid, "request_clarification", fields(Pertanyaan_untuk_pelapor=question)
    )
    assert "Permintaan klarifikasi dikirim ke pelapor." in sent
    assert status_text(staf) == "Menunggu klarifikasi pelapor"
    citizen = site.page(user="warga")
    assert citizen_page(citizen, tid) == "Menunggu klarifikasi pelapor"
    expect(citizen.locator("main")).to_contain_text(question)
    citizen.get_by_label("Jawaban klarifikasi").fill("Tidak, hanya di jalan depan sekolah.")
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="Kirim klarifikasi").click()
    assert status_text(citizen) == "Ditangani bidang"
    staf.goto(f"/petugas/laporan/{tid}/")
    expect(staf.locator("section[aria-labelledby=h-messages]")).to_contain_text(
        "hanya di jalan depan sekolah"
    )

    # Draft, approval by the Kadis, publication by the liaison admin, citizen satisfied.
    answer = "Jalan depan SDN 1 Selat Hilir sudah ditambal oleh Bidang Bina Marga (BA terlampir)."
    staff_action(staf, tid, "submit_draft", fields(Rumusan_tindak_lanjut=answer))
    assert status_text(staf) == "Rumusan tindak lanjut menunggu persetujuan"
    assert tid in inbox_rows(kadis)
    staff_action(kadis, tid, "approve_draft")
    admin = site.page(user=ADMIN)
    assert tid in inbox_rows(admin)
    staff_action(admin, tid, "publish_followup")
    assert status_text(admin) == "Ditindaklanjuti: menunggu tanggapan pelapor"
    citizen_page(citizen, tid)
    expect(citizen.locator("main")).to_contain_text(answer)
    citizen_reply(citizen, tid, satisfied=True)
    assert status_text(citizen) == "Selesai"


def check_field(staf: Page, tid: str) -> None:
    def fill(form: Locator) -> None:
        form.get_by_label("Tanggal pemeriksaan").fill(timezone.localdate().isoformat())
        form.get_by_label("Lokasi pemeriksaan").fill("Jl. Tambun Bungai, Selat Hilir")
        form.get_by_label("Hasil pemeriksaan").fill("Lubang 20 m, kedalaman 15 cm.")
        form.get_by_label("Kesimpulan dan solusi").fill("Perlu penambalan aspal segera.")
        form.get_by_label("Nomor Berita Acara").fill("BA/PUPR-BM/017/2026")
        form.get_by_label("Foto pemeriksaan").set_input_files([png_upload("lokasi.png")])
        form.get_by_label("Berkas Berita Acara").set_input_files([png_upload("ba.png")])

    message = staff_action(staf, tid, "record_field_check", fill)
    assert "Pemeriksaan lapangan dan Berita Acara tercatat." in message
    checks = staf.locator("section[aria-labelledby=h-checks]")
    expect(checks).to_contain_text("BA/PUPR-BM/017/2026")
    expect(checks.get_by_text(re.compile(rf"{tid}-\d+\.png"))).to_have_count(2)
    expect(checks).not_to_contain_text("lokasi.png")
    assert status_text(staf) == "Ditangani bidang"


def test_a_field_check_without_its_berita_acara_number_is_refused(site: Site) -> None:
    demo = build_demo()
    report = accepted(demo, SEEDS[2], timezone.now())
    actions.dispose_internally(
        report,
        actor=Actor(user=demo.users[KADIS]),
        division=demo.orgs["kapuas-pupr-binamarga"],
        now=timezone.now(),
    )
    tid = report.tracking_id
    staf = site.page(user=STAF)
    message = staff_action(
        staf,
        tid,
        "record_field_check",
        fields(Lokasi_pemeriksaan="Jl. Pemuda", Hasil_pemeriksaan="Saluran tersumbat."),
    )
    assert "Data yang dikirim belum benar." in message
    errors = staf.locator("#aksi-record_field_check .has-error")
    expect(errors.filter(has_text="Nomor Berita Acara")).to_have_count(1)
    staf.goto(f"/petugas/laporan/{tid}/")
    expect(staf.locator("section[aria-labelledby=h-checks]")).to_contain_text(
        "Belum ada pemeriksaan lapangan."
    )


def intake(page: Page, *, channel: str, title: str, solved_answer: str = "") -> str:
    """Type in a report from an outside channel; returns the page's text after saving."""
    page.goto("/petugas/")
    page.get_by_role("link", name="Input laporan dari kanal luar").click()
    page.get_by_label("Kanal asal laporan").select_option(label=channel)
    page.get_by_label("Klasifikasi").select_option(label="Pengaduan (tidak berkadar pengawasan)")
    page.get_by_label("Judul laporan").fill(title)
    page.get_by_label("Isi laporan").fill(
        "Disalin dari kanal luar: lampu jalan di Jl. Ahmad Yani mati sejak seminggu."
    )
    page.get_by_label("Nama pelapor").fill("Pak Darto")
    page.get_by_label("Telepon pelapor").fill("081234567890")
    if solved_answer:
        page.get_by_label("Sudah selesai ditindaklanjuti?").check()
        page.get_by_label("Jawaban tindak lanjut").fill(solved_answer)
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan laporan").click()
    return page.locator("main").inner_text()


def test_sop5_the_coordinator_types_in_a_report_from_a_newspaper(site: Site) -> None:
    koordinator = site.page(user=KOORDINATOR)
    done = intake(koordinator, channel="Surat kabar", title="Lampu jalan mati (Banjarmasin Post)")
    assert "Laporan tersimpan" in done
    assert "Terverifikasi: menunggu disposisi" in done
    match = TRACKING_ID.search(done)
    assert match is not None
    tid = match.group(0)
    # Verified at once: it waits for the coordinator's disposition.
    assert tid in inbox_rows(koordinator)
    koordinator.goto(f"/petugas/laporan/{tid}/")
    data = koordinator.locator("section[aria-labelledby=h-data]")
    expect(data).to_contain_text("Surat kabar")
    expect(data).to_contain_text("Dewi Admin Utama Kapuas")  # Diinput oleh
    assert "Laporan dari kanal luar diinput admin" in staff_timeline(koordinator)
    assert koordinator.locator("form[action$='/aksi/dispose/']").count() == 1


def test_sop5_an_already_solved_report_is_typed_in_with_its_answer(site: Site) -> None:
    koordinator = site.page(user=KOORDINATOR)
    done = intake(
        koordinator,
        channel="WhatsApp",
        title="Lampu jalan mati di Selat",
        solved_answer="Lampu sudah diganti petugas PJU kemarin sore.",
    )
    assert "Ditindaklanjuti: menunggu tanggapan pelapor" in done


def test_sop5_an_answer_without_ticking_solved_is_refused(site: Site) -> None:
    koordinator = site.page(user=KOORDINATOR)
    koordinator.goto("/petugas/input/")
    koordinator.get_by_label("Jawaban tindak lanjut").fill("Sudah selesai.")
    with koordinator.expect_navigation():
        koordinator.get_by_role("button", name="Simpan laporan").click()
    assert "/petugas/input/" in koordinator.url
    expect(koordinator.locator("main")).to_contain_text("Sudah selesai ditindaklanjuti?")
    assert koordinator.locator(".has-error").count() >= 1


def test_sop6_a_liaison_admin_types_in_a_report_for_the_agency(site: Site) -> None:
    admin = site.page(user=ADMIN)
    done = intake(admin, channel="Datang langsung", title="Jembatan kayu di Kapuas Murung lapuk")
    assert "Diterima OPD" in done
    match = TRACKING_ID.search(done)
    assert match is not None
    tid = match.group(0)
    # Accepted by the agency at once: the Kadis can dispose it to a division.
    kadis = site.page(user=KADIS)
    assert tid in inbox_rows(kadis)
    kadis.goto(f"/petugas/laporan/{tid}/")
    assert status_text(kadis) == "Diterima OPD"
    expect(kadis.locator("section[aria-labelledby=h-agencies]")).to_contain_text(
        "Dinas PUPR Kapuas"
    )
    # Another agency's liaison admin cannot see it.
    other = site.page(user="kapuas.disdik.admin")
    response = other.goto(f"/petugas/laporan/{tid}/")
    assert response is not None and response.status == 404
