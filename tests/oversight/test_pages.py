"""The oversight pages as people use them: access, forms, refusals, exports."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.conftest import client_for
from tests.oversight.helpers import past_quarter, quarter_reports
from tuntas.demo.builder import Demo
from tuntas.oversight import actions
from tuntas.oversight.models import DailyRecap, EvaluationRecord, QuarterlyReport, QuarterlyState

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_oversight_home_is_for_the_complaint_team_and_agencies(demo: Demo) -> None:
    assert (
        client_for(demo.users["kapuas.koordinator"]).get("/petugas/pengawasan/").status_code == 200
    )
    assert (
        client_for(demo.users["kapuas.pupr.admin"]).get("/petugas/pengawasan/").status_code == 200
    )
    assert client_for(demo.users["kapuas.pupr.staf"]).get("/petugas/pengawasan/").status_code == 403
    assert client_for(demo.users["warga"]).get("/petugas/pengawasan/").status_code == 403
    assert client_for(None).get("/petugas/pengawasan/").status_code == 302
    page = client_for(demo.users["kapuas.kasi"]).get("/petugas/").content.decode()
    assert 'href="/petugas/pengawasan/"' in page


def test_the_recap_page_and_its_report_to_the_superior(demo: Demo) -> None:
    _year, _quarter, reports = quarter_reports(demo)
    _y, _q, moment = past_quarter(demo)
    day = moment.date().isoformat()
    kapuas = demo.orgs["kapuas"].pk
    kasi = client_for(demo.users["kapuas.kasi"])
    page = kasi.get(f"/petugas/pengawasan/rekap-harian/?organisasi={kapuas}&tanggal={day}")
    assert page.status_code == 200
    text = page.content.decode()
    assert reports[0].tracking_id in text and "<svg" in text
    assert "Tandai diperiksa dan laporkan ke atasan" in text
    default = kasi.get("/petugas/pengawasan/rekap-harian/")
    assert default.status_code == 200

    url = f"/petugas/pengawasan/rekap-harian/?organisasi={kapuas}&tanggal={day}"
    refused = client_for(demo.users["kapuas.koordinator"]).post(url, {"note": ""})
    assert refused.status_code == 403 and not DailyRecap.objects.exists()
    done = kasi.post(url, {"note": "Sudah diperiksa."})
    assert done.status_code == 302
    assert "Diperiksa dan dilaporkan oleh Lina" in kasi.get(url).content.decode()

    export = kasi.get(
        f"/petugas/pengawasan/rekap-harian/ekspor/xlsx/?organisasi={kapuas}&tanggal={day}"
    )
    assert export.status_code == 200 and export["Content-Type"] == XLSX


def test_an_agency_sees_only_its_own_recap(demo: Demo) -> None:
    admin = client_for(demo.users["kapuas.pupr.admin"])
    own = admin.get("/petugas/pengawasan/rekap-harian/")
    assert own.status_code == 200 and "Dinas Pekerjaan Umum" in own.content.decode()
    kapuas = demo.orgs["kapuas"].pk
    assert admin.get(f"/petugas/pengawasan/rekap-harian/?organisasi={kapuas}").status_code == 400
    assert (
        admin.get(f"/petugas/pengawasan/rekap-harian/ekspor/csv/?organisasi={kapuas}").status_code
        == 404
    )
    other = client_for(demo.users["majalengka.koordinator"])
    assert other.get(f"/petugas/pengawasan/rekap-harian/?organisasi={kapuas}").status_code == 400


def test_the_quarterly_pages_from_compilation_to_archive(demo: Demo) -> None:
    year, quarter, _reports = quarter_reports(demo)
    koordinator = client_for(demo.users["kapuas.koordinator"])
    kasi = client_for(demo.users["kapuas.kasi"])
    kabid = client_for(demo.users["kapuas.kabid"])
    assert "Susun laporan" in koordinator.get("/petugas/pengawasan/triwulan/").content.decode()
    form = {"pemda": demo.orgs["kapuas"].pk, "year": year, "quarter": quarter, "notes": ""}
    assert kasi.post("/petugas/pengawasan/triwulan/", form).status_code == 403
    created = koordinator.post("/petugas/pengawasan/triwulan/", form)
    assert created.status_code == 302
    report = QuarterlyReport.objects.get()
    base = f"/petugas/pengawasan/triwulan/{report.pk}/"
    assert created["Location"] == base

    assert koordinator.post(base + "aksi/submit/").status_code == 302
    wrong = koordinator.post(base + "aksi/submit/")
    assert wrong.status_code == 409
    no_note = kasi.post(base + "aksi/return/", {"note": ""})
    assert no_note.status_code == 400
    assert "Catatan pengembalian wajib diisi" in no_note.content.decode()
    report.refresh_from_db()
    assert report.state == QuarterlyState.SUBMITTED
    assert kasi.post(base + "aksi/return/", {"note": "Perbaiki rincian kanal."}).status_code == 302
    page = koordinator.get(base).content.decode()
    assert "Perbaiki rincian kanal." in page and "Lina Kasi Pengelolaan Aduan" in page
    assert koordinator.post(base + "susun-ulang/", {"notes": "Diperbaiki"}).status_code == 302
    assert koordinator.post(base + "aksi/submit/").status_code == 302
    assert kasi.post(base + "aksi/initial/").status_code == 302
    assert kabid.post(base + "aksi/initial/").status_code == 302
    assert kasi.post(base + "aksi/check_resolved/").status_code == 302
    assert kabid.post(base + "aksi/archive/").status_code == 302
    report.refresh_from_db()
    assert report.state == QuarterlyState.ARCHIVED
    page = kabid.get(base).content.decode()
    assert "Fajar Kabid IKP" in page and "Didisposisikan untuk diarsipkan" in page
    assert "Tidak ada tindakan yang dapat Anda lakukan" in page

    for fmt, kind in (
        ("xlsx", XLSX),
        ("csv", "text/csv; charset=utf-8"),
        ("pdf", "application/pdf"),
    ):
        export = kasi.get(f"{base}ekspor/{fmt}/")
        assert export.status_code == 200 and export["Content-Type"] == kind
    assert kasi.get(f"{base}ekspor/pdf/").content.startswith(b"%PDF-")
    csv = kasi.get(f"{base}ekspor/csv/").content.decode()
    assert "Lina Kasi Pengelolaan Aduan" in csv and "Diperbaiki" in csv
    assert kasi.get(f"{base}ekspor/doc/").status_code == 404
    assert kasi.post(base + "aksi/compile/").status_code == 404


def test_other_pemdas_and_agencies_do_not_see_quarterly_reports(demo: Demo) -> None:
    year, quarter, _reports = quarter_reports(demo)
    report = actions.compile_quarterly_report(
        pemda=demo.orgs["kapuas"],
        year=year,
        quarter=quarter,
        actor=demo.users["kapuas.koordinator"],
    )
    base = f"/petugas/pengawasan/triwulan/{report.pk}/"
    other = client_for(demo.users["majalengka.koordinator"])
    assert other.get(base).status_code == 404
    assert other.get(base + "ekspor/xlsx/").status_code == 404
    assert other.post(base + "aksi/submit/").status_code == 404
    agency = client_for(demo.users["kapuas.pupr.admin"])
    assert agency.get("/petugas/pengawasan/triwulan/").status_code == 403
    assert agency.get(base).status_code == 404
    report.refresh_from_db()
    assert report.state == QuarterlyState.DRAFT


def png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 90, 20)).save(out, format="PNG")
    return SimpleUploadedFile("lokasi.png", out.getvalue(), content_type="image/png")


def test_the_monitoring_pages(demo: Demo) -> None:
    _year, _quarter, reports = quarter_reports(demo)
    kabid = client_for(demo.users["kapuas.kabid"])
    form = {
        "pemda": demo.orgs["kapuas"].pk,
        "kind": "site_visit",
        "title": "Kunjungan ke Jalan Mawar",
        "held_on": "2026-01-15",
        "place": "Jalan Mawar",
        "participants": "Tim Pengaduan",
        "minutes": "Lubang sudah ditambal.",
        "tracking_ids": reports[0].tracking_id,
        "agencies": [demo.orgs["kapuas-pupr"].pk],
    }
    bad = kabid.post("/petugas/pengawasan/monev/baru/", {**form, "tracking_ids": "LPR-0000-NOPE00"})
    assert bad.status_code == 400 and not EvaluationRecord.objects.exists()
    assert "LPR-0000-NOPE00" in bad.content.decode()
    done = kabid.post("/petugas/pengawasan/monev/baru/", {**form, "attachments": png()})
    assert done.status_code == 302
    record = EvaluationRecord.objects.get()
    detail = kabid.get(f"/petugas/pengawasan/monev/{record.pk}/").content.decode()
    assert reports[0].tracking_id in detail and f"evaluasi-{record.pk}-1.png" in detail
    assert "lokasi.png" not in detail
    attachment = record.attachments.get()
    url = f"/petugas/pengawasan/monev/{record.pk}/lampiran/{attachment.pk}/"
    assert kabid.get(url).status_code == 200
    assert client_for(demo.users["majalengka.koordinator"]).get(url).status_code == 404

    listing = kabid.get("/petugas/pengawasan/monev/?dari=2026-01-01&sampai=2026-01-31&q=Mawar")
    assert "Kunjungan ke Jalan Mawar" in listing.content.decode()
    empty = kabid.get("/petugas/pengawasan/monev/?dari=2025-01-01&sampai=2025-01-31")
    assert "Kunjungan ke Jalan Mawar" not in empty.content.decode()
    assert (
        kabid.get("/petugas/pengawasan/monev/?dari=2026-02-01&sampai=2026-01-01").status_code == 400
    )

    assert kabid.post(f"/petugas/pengawasan/monev/{record.pk}/aksi/submit/").status_code == 302
    kadis = client_for(demo.users["kapuas.kadiskominfo"])
    assert "Kunjungan ke Jalan Mawar" in kadis.get("/petugas/pengawasan/").content.decode()
    assert (
        kadis.post(f"/petugas/pengawasan/monev/{record.pk}/aksi/return/", {"note": ""}).status_code
        == 400
    )
    assert (
        kadis.post(
            f"/petugas/pengawasan/monev/{record.pk}/aksi/approve/", {"note": "Setuju"}
        ).status_code
        == 302
    )
    assert kabid.post(f"/petugas/pengawasan/monev/{record.pk}/aksi/archive/").status_code == 302
    record.refresh_from_db()
    assert record.state == "archived"
    assert (
        client_for(demo.users["kapuas.pupr.admin"]).get("/petugas/pengawasan/monev/").status_code
        == 403
    )
