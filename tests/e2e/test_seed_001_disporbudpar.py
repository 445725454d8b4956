"""Seed 001 (Disporbudpar, Kab. Majalengka) walked through the real pages by every persona
who acts in it: the citizen's web form, the coordinator's verification and disposition,
the liaison officer, the Kadis's internal disposition, returning and approving drafts, the
liaison admin publishing, and the citizen's T then Y reply.

Kasi/Kabid only act in the quarterly report, which does not exist yet."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from playwright.sync_api import Locator, expect

from tests.e2e.browser import (
    Site,
    citizen_page,
    citizen_reply,
    inbox_rows,
    notifications_text,
    staff_action,
    staff_timeline,
    status_text,
    submit_report,
)
from tests.reports.sweep.seeds import SEEDS, accepted, followed_up
from tuntas.demo.builder import build_demo

PEMDA = "Kab. Majalengka"
KOORDINATOR = "majalengka.koordinator"
PENGHUBUNG = "majalengka.disporbudpar.penghubung"
ADMIN = "majalengka.disporbudpar.admin"
KADIS = "majalengka.disporbudpar.kadis"
STAF = "majalengka.disporbudpar.staf"
Fill = Callable[[Locator], None]


def draft(body: str) -> Fill:
    def fill(form: Locator) -> None:
        form.get_by_label("Rumusan tindak lanjut").fill(body)

    return fill


def note(label: str, text: str) -> Fill:
    def fill(form: Locator) -> None:
        form.get_by_label(label).fill(text)

    return fill


def test_a_report_is_disposed_drafted_returned_redrafted_approved_and_published(
    site: Site,
) -> None:
    citizen = site.page(user="warga")
    receipt = submit_report(
        citizen,
        pemda=PEMDA,
        category="Objek wisata",
        title="Toilet di objek wisata Situ Cipanten rusak",
        description="Toilet umum di Situ Cipanten tidak berfungsi sejak sebulan lalu.",
    )
    tid = receipt.tracking_id
    assert citizen_page(citizen, tid) == "Menunggu verifikasi"

    # The coordinator verifies and disposes to Disporbudpar (its category's default OPD).
    koordinator = site.page(user=KOORDINATOR)
    assert tid in inbox_rows(koordinator)
    assert "Laporan terverifikasi." in staff_action(koordinator, tid, "verify")
    assert "Laporan didisposisikan ke OPD." in staff_action(koordinator, tid, "dispose")
    assert status_text(koordinator) == "Didisposisikan: menunggu diterima OPD"
    assert (
        "Disporbudpar Majalengka"
        in koordinator.locator("section[aria-labelledby=h-agencies]").inner_text()
    )

    # The liaison officer finds it in the inbox and accepts.
    penghubung = site.page(user=PENGHUBUNG)
    assert tid in inbox_rows(penghubung)
    assert "Disposisi diterima." in staff_action(penghubung, tid, "accept")
    assert status_text(penghubung) == "Diterima OPD"

    # The Kadis disposes it to Bidang Pariwisata with an instruction.
    kadis = site.page(user=KADIS)
    assert tid in inbox_rows(kadis)

    def to_division(form: Locator) -> None:
        form.get_by_label("Bidang").select_option(label="Bidang Pariwisata")
        form.get_by_label("Arahan kepala dinas").fill("Cek ke lokasi dan koordinasi UPTD.")

    assert "didisposisikan ke bidang" in staff_action(kadis, tid, "dispose_internally", to_division)
    assert status_text(kadis) == "Ditangani bidang"

    # Division staff drafts; the Kadis sends the draft back (unhappy path).
    staf = site.page(user=STAF)
    assert tid in inbox_rows(staf)
    message = staff_action(staf, tid, "submit_draft", draft("Toilet akan diperbaiki minggu ini."))
    assert "diajukan untuk disetujui" in message
    assert status_text(staf) == "Rumusan tindak lanjut menunggu persetujuan"

    assert tid in inbox_rows(kadis)
    returned = staff_action(
        kadis, tid, "return_draft", note("Yang perlu diperbaiki", "Sebutkan tanggal pasti.")
    )
    assert "dikembalikan untuk diperbaiki" in returned
    assert status_text(kadis) == "Ditangani bidang"
    assert "Sebutkan tanggal pasti." in staff_timeline(kadis)

    # The staff sees it back in the inbox and drafts again; the Kadis approves.
    assert tid in inbox_rows(staf)
    first_answer = "Toilet diperbaiki UPTD pada 12 Maret; air bersih sudah mengalir lagi."
    staff_action(staf, tid, "submit_draft", draft(first_answer))
    assert status_text(staf) == "Rumusan tindak lanjut menunggu persetujuan"
    assert "Rumusan tindak lanjut disetujui." in staff_action(kadis, tid, "approve_draft")
    assert status_text(kadis) == "Rumusan disetujui: siap disampaikan"

    # The liaison admin publishes the follow-up to the citizen.
    admin = site.page(user=ADMIN)
    assert tid in inbox_rows(admin)
    published = staff_action(admin, tid, "publish_followup")
    assert "Tindak lanjut disampaikan kepada pelapor." in published
    assert status_text(admin) == "Ditindaklanjuti: menunggu tanggapan pelapor"

    # The citizen is told and reads the answer.
    assert tid in notifications_text(citizen)
    assert citizen_page(citizen, tid) == "Ditindaklanjuti: menunggu tanggapan pelapor"
    expect(citizen.locator("main")).to_contain_text(first_answer)
    assert "Sebutkan tanggal pasti." not in citizen.locator("main").inner_text()


def test_not_satisfied_sends_it_back_to_the_agency_until_the_citizen_is_satisfied(
    site: Site,
) -> None:
    # Up to the first published follow-up through the actions (walked in the test above).
    report = followed_up(build_demo(), SEEDS[0], timezone.now())
    tid = report.tracking_id
    first_answer = "Jalan sudah diperbaiki oleh tim lapangan."

    # The citizen reads the answer and is NOT satisfied (T).
    citizen = site.page(user="warga")
    assert citizen_page(citizen, tid) == "Ditindaklanjuti: menunggu tanggapan pelapor"
    expect(citizen.locator("main")).to_contain_text(first_answer)
    citizen_reply(citizen, tid, satisfied=False, comment="Pintu toilet masih rusak.")
    assert status_text(citizen) == "Ditangani bidang"

    # Back to the agency: redraft, approve, publish.
    staf = site.page(user=STAF)
    kadis = site.page(user=KADIS)
    admin = site.page(user=ADMIN)
    assert tid in inbox_rows(staf)
    staf.goto(f"/petugas/laporan/{tid}/")
    expect(staf.locator("section[aria-labelledby=h-feedback]")).to_contain_text(
        "Pintu toilet masih rusak."
    )
    second_answer = "Pintu toilet sudah diganti pada 20 Maret; foto terlampir di lokasi."
    staff_action(staf, tid, "submit_draft", draft(second_answer))
    staff_action(kadis, tid, "approve_draft")
    staff_action(admin, tid, "publish_followup")
    assert status_text(admin) == "Ditindaklanjuti: menunggu tanggapan pelapor"

    # Satisfied (Y): the report is closed, for the citizen and for the coordinator.
    citizen_page(citizen, tid)
    expect(citizen.locator("main")).to_contain_text(second_answer)
    citizen_reply(citizen, tid, satisfied=True)
    assert status_text(citizen) == "Selesai"
    koordinator = site.page(user=KOORDINATOR)
    koordinator.goto(f"/petugas/laporan/{tid}/")
    assert status_text(koordinator) == "Selesai"
    timeline = staff_timeline(koordinator)
    for entry in ("Tidak puas (T)", "Puas (Y)"):
        assert entry in timeline


def test_the_head_cannot_approve_a_draft_of_his_own(site: Site) -> None:
    """Four eyes: a draft the Kadis writes himself is approved by the liaison officer."""
    demo = build_demo()
    report = accepted(demo, SEEDS[0], timezone.now())
    tid = report.tracking_id
    kadis = site.page(user=KADIS)
    staff_action(
        kadis,
        tid,
        "dispose_internally",
        lambda form: form.get_by_label("Bidang").select_option(label="Bidang Pariwisata"),
    )
    assert kadis.locator("form[action$='/aksi/approve_draft/']").count() == 0  # no draft yet
    staff_action(kadis, tid, "submit_draft", draft("Lampu GOR akan diganti minggu depan."))
    assert status_text(kadis) == "Rumusan tindak lanjut menunggu persetujuan"
    expect(kadis.locator("main")).to_contain_text("Anda sendiri penyusunnya")
    assert kadis.locator("form[action$='/aksi/approve_draft/']").count() == 0

    penghubung = site.page(user=PENGHUBUNG)
    assert tid in inbox_rows(penghubung)
    assert "Rumusan tindak lanjut disetujui." in staff_action(penghubung, tid, "approve_draft")
    assert status_text(penghubung) == "Rumusan disetujui: siap disampaikan"
