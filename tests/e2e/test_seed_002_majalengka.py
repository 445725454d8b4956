"""Seed 002 (Diskominfo Kab. Majalengka) through the real pages: a report that is not the
regency's authority goes back to the national admin, who routes it to the right Pemda or
forwards it outside the system; a wrong disposition is sent back by the agency and
re-disposed by the coordinator."""

from __future__ import annotations

from playwright.sync_api import Locator, expect

from tests.e2e.browser import (
    Site,
    citizen_page,
    inbox_rows,
    staff_action,
    staff_timeline,
    status_text,
    submit_report,
)

PEMDA = "Kab. Majalengka"
KOORDINATOR = "majalengka.koordinator"
NASIONAL = "nasional"


def not_in_authority(form: Locator) -> None:
    form.get_by_label("Alasan bukan wewenang daerah").fill(
        "Jalan nasional di Kapuas, bukan wilayah Kabupaten Majalengka."
    )


def sent_to_majalengka(site: Site) -> str:
    citizen = site.page(user="warga")
    return submit_report(
        citizen,
        pemda=PEMDA,
        title="Jalan berlubang di Selat",
        description="Jalan di depan SDN 1 Selat berlubang besar dan membahayakan pengendara.",
    ).tracking_id


def test_not_its_authority_goes_to_the_national_admin_who_routes_it_to_the_right_pemda(
    site: Site,
) -> None:
    tid = sent_to_majalengka(site)
    koordinator = site.page(user=KOORDINATOR)
    assert tid in inbox_rows(koordinator)
    message = staff_action(koordinator, tid, "not_in_authority", not_in_authority)
    assert "bukan wewenang daerah" in message
    assert status_text(koordinator) == "Bukan wewenang: dikembalikan ke admin nasional"
    assert tid not in inbox_rows(koordinator)

    nasional = site.page(user=NASIONAL)
    assert tid in inbox_rows(nasional)
    nasional.goto(f"/petugas/laporan/{tid}/")
    assert "bukan wilayah Kabupaten Majalengka" in staff_timeline(nasional)

    def to_kapuas(form: Locator) -> None:
        form.get_by_label("Pemerintah daerah tujuan").select_option(label="Kab. Kapuas")

    message = staff_action(nasional, tid, "route_to_pemda", to_kapuas)
    assert "diteruskan ke pemerintah daerah tujuan" in message
    assert status_text(nasional) == "Menunggu verifikasi"

    # Kapuas's coordinator now has it to verify; the citizen sees it waiting again.
    kapuas = site.page(user="kapuas.koordinator")
    assert tid in inbox_rows(kapuas)
    kapuas.goto(f"/petugas/laporan/{tid}/")
    expect(kapuas.locator("section[aria-labelledby=h-data]")).to_contain_text("Kab. Kapuas")
    assert citizen_page(site.page(user="warga"), tid) == "Menunggu verifikasi"


def test_the_national_admin_forwards_it_outside_the_system(site: Site) -> None:
    tid = sent_to_majalengka(site)
    koordinator = site.page(user=KOORDINATOR)
    staff_action(koordinator, tid, "not_in_authority", not_in_authority)
    nasional = site.page(user=NASIONAL)

    def to_balai(form: Locator) -> None:
        form.get_by_label("Instansi tujuan").fill("Balai Pelaksanaan Jalan Nasional Kalteng")

    message = staff_action(nasional, tid, "forward_external", to_balai)
    assert "diteruskan ke instansi di luar sistem" in message
    assert status_text(nasional) == "Diteruskan ke instansi lain"
    expect(nasional.locator("section[aria-labelledby=h-data]")).to_contain_text(
        "Balai Pelaksanaan Jalan Nasional Kalteng"
    )
    assert citizen_page(site.page(user="warga"), tid) == "Diteruskan ke instansi lain"


def test_the_coordinator_may_not_route_it_and_a_reason_is_required(site: Site) -> None:
    tid = sent_to_majalengka(site)
    koordinator = site.page(user=KOORDINATOR)
    message = staff_action(koordinator, tid, "not_in_authority")  # no reason typed
    assert "Data yang dikirim belum benar." in message  # the form shows the error ...
    errors = koordinator.locator("#aksi-not_in_authority .has-error")
    expect(errors).to_contain_text("Alasan bukan wewenang daerah")
    assert status_text(koordinator) == "Menunggu verifikasi"  # ... and nothing changed
    staff_action(koordinator, tid, "not_in_authority", not_in_authority)
    assert koordinator.locator("form[action$='/aksi/route_to_pemda/']").count() == 0


def test_a_wrong_disposition_is_returned_and_re_disposed(site: Site) -> None:
    citizen = site.page(user="warga")
    tid = submit_report(
        citizen,
        pemda=PEMDA,
        category="Jalan rusak",
        title="Jalan ke objek wisata Terasering Panyaweuyan rusak",
        description="Akses jalan wisata Terasering Panyaweuyan rusak, bus wisata tidak bisa lewat.",
    ).tracking_id
    koordinator = site.page(user=KOORDINATOR)
    staff_action(koordinator, tid, "verify")
    assert "didisposisikan ke OPD" in staff_action(koordinator, tid, "dispose")  # route: PUTR

    putr = site.page(user="majalengka.pupr.penghubung")
    assert tid in inbox_rows(putr)

    def wrong(form: Locator) -> None:
        form.get_by_label("Alasan salah disposisi").fill(
            "Jalan akses objek wisata dikelola Disporbudpar, bukan PUTR."
        )

    message = staff_action(putr, tid, "return_disposition", wrong)
    assert "dikembalikan ke admin koordinator" in message
    # The agency no longer sees the report it returned.
    response = putr.goto(f"/petugas/laporan/{tid}/")
    assert response is not None and response.status == 404
    assert tid not in inbox_rows(putr, "all-heading")

    # The coordinator has it back (verified, waiting for a disposition) with the reason.
    assert tid in inbox_rows(koordinator)
    koordinator.goto(f"/petugas/laporan/{tid}/")
    assert status_text(koordinator) == "Terverifikasi: menunggu disposisi"
    assert "dikelola Disporbudpar, bukan PUTR" in koordinator.locator("main").inner_text()

    def to_disporbudpar(form: Locator) -> None:
        form.get_by_label("Dinas PUTR Majalengka").uncheck()
        form.get_by_label("Disporbudpar Majalengka").check()
        form.get_by_label("OPD utama").select_option(label="Disporbudpar Majalengka")

    assert "didisposisikan ke OPD" in staff_action(koordinator, tid, "dispose", to_disporbudpar)
    assert status_text(koordinator) == "Didisposisikan: menunggu diterima OPD"

    penghubung = site.page(user="majalengka.disporbudpar.penghubung")
    assert tid in inbox_rows(penghubung)
    assert "Disposisi diterima." in staff_action(penghubung, tid, "accept")
    assert status_text(penghubung) == "Diterima OPD"
    # The citizen never sees the staff's return reason, only where the report is.
    citizen_page(citizen, tid)
    main = citizen.locator("main").inner_text()
    assert "bukan PUTR" not in main
    assert "Disporbudpar Majalengka" in main
