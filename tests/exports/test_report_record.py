"""A report's full record (/petugas/ekspor/laporan/<id>.<fmt>): content, identity, scope."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import timezone

from tests.conftest import client_for
from tests.exports.helpers import read_csv, read_xlsx
from tests.reports.helpers import make_report, report_input
from tests.staff.helpers import disposed_to, report_url
from tuntas.exports.renderers.pdf import pdf_html
from tuntas.exports.report_record import report_record
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Report, Status

REPORTER_NAME = "Siti Rahmawati"


def file_url(report: Report, fmt: str) -> str:
    return f"/petugas/ekspor/laporan/{report.tracking_id}.{fmt}"


def closed_report(demo, *, anonymous: bool = True) -> Report:
    """A Kapuas report walked to closed, with a field check (Berita Acara) on the way."""
    u = demo.users
    now = timezone.now()
    report = make_report(demo, Status.IN_DIVISION, now=now)
    if not anonymous:
        Report.objects.filter(pk=report.pk).update(is_anonymous=False)
    actions.record_field_check(
        report,
        actor=Actor(user=u["kapuas.pupr.staf"]),
        visited_on=timezone.localdate(now),
        location="Jl. Tambun Bungai km 2",
        findings="Lubang 2 x 1 meter di lajur kiri.",
        conclusion="Ditambal dengan aspal dingin.",
        ba_number="BA/017/PUPR/2026",
        now=now,
    )
    actions.submit_draft(
        report,
        actor=Actor(user=u["kapuas.pupr.staf"]),
        body="Jalan telah ditambal oleh tim Bina Marga pada hari ini.",
        now=now,
    )
    actions.approve_draft(report, actor=Actor(user=u["kapuas.pupr.kadis"]), now=now)
    actions.publish_followup(report, actor=Actor(user=u["kapuas.pupr.admin"]), now=now)
    actions.reply_satisfied(
        report, actor=Actor(user=u["warga"]), rating=5, comment="Terima kasih", now=now
    )
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    return report


def csv_text(demo, username: str, report: Report) -> str:
    response = client_for(demo.users[username]).get(file_url(report, "csv"))
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("pdf", "application/pdf"), ("xlsx", "application/vnd.openxmlformats"), ("csv", "text/csv")],
)
def test_coordinator_downloads_the_record_in_each_format(demo, fmt, content_type):
    report = closed_report(demo)
    response = client_for(demo.users["kapuas.koordinator"]).get(file_url(report, fmt))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"] == (
        f'attachment; filename="berkas-laporan-{report.tracking_id}.{fmt}"'
    )
    if fmt == "pdf":
        assert response.content.startswith(b"%PDF-")


def test_the_record_holds_the_whole_handling(demo):
    report = closed_report(demo)
    rows = read_csv(
        client_for(demo.users["kapuas.koordinator"]).get(file_url(report, "csv")).content
    )
    flat = [cell for row in rows for cell in row]
    assert rows[0] == [f"Berkas Laporan {report.tracking_id}"]
    assert ["Nomor pelacakan", report.tracking_id] in rows
    assert ["Status", "Selesai"] in rows
    assert ["Kanal", str(report.channel)] in rows
    assert ["Klasifikasi", str(report.classification)] in rows
    # Disposition, field check with its Berita Acara, the follow-up and who approved it.
    lead = next(row for row in rows if row[:2] == ["Dinas PUPR Kapuas", "OPD utama"])
    assert lead[4] == "Dewi Admin Utama Kapuas"
    assert lead[7] == "Bidang Bina Marga"
    assert "BA/017/PUPR/2026" in flat
    followup = next(row for row in rows if row and "Jalan telah ditambal" in row[-1])
    assert followup[0] == "Disampaikan ke pelapor"
    assert followup[4] == "Ir. Hendra Kepala Dinas PUPR"
    assert followup[7] == "Yanti Admin Penghubung PUPR"
    feedback = next(row for row in rows if row[1:2] == ["Ya (puas)"])
    assert feedback[2:] == ["5", "Terima kasih"]
    # Clocks with met/overdue, and the timeline.
    verification = next(row for row in rows if row[:1] == ["Verifikasi laporan"])
    assert verification[-2:] == ["Selesai", "Tepat waktu"]
    assert ["Riwayat penanganan"] in rows
    field_check = next(
        row for row in rows if row[3:4] == ["Catat pemeriksaan lapangan (Berita Acara)"]
    )
    assert field_check[-1] == "Nomor Berita Acara: BA/017/PUPR/2026"
    # The author and the approver sign the printed record.
    assert ["Menyetujui tindak lanjut", "Ir. Hendra Kepala Dinas PUPR"] in [row[:2] for row in rows]


def test_xlsx_record_has_a_sheet_per_part(demo):
    report = closed_report(demo)
    response = client_for(demo.users["kapuas.koordinator"]).get(file_url(report, "xlsx"))
    wb = read_xlsx(response.content)
    assert wb.sheetnames[0] == "Ringkasan"
    assert "Tindak lanjut" in wb.sheetnames
    assert "Pemeriksaan lapangan (BA)" in wb.sheetnames
    assert wb["Pemeriksaan lapangan (BA)"]["A2"].value == "BA/017/PUPR/2026"


def test_pdf_record_carries_the_pemdas_letterhead_for_the_coordinator(demo):
    report = closed_report(demo)
    document = report_record(demo.users["kapuas.koordinator"], report, timezone.now())
    html = pdf_html(document)
    assert "PEMERINTAH DAERAH KABUPATEN KAPUAS" in html
    assert "Berkas Laporan" in html
    assert "size: A4 landscape" in html
    assert document.organisation == demo.orgs["kapuas"]


def test_agency_copy_carries_the_agencys_letterhead(demo):
    report = closed_report(demo)
    document = report_record(demo.users["kapuas.pupr.penghubung"], report, timezone.now())
    assert document.organisation == demo.orgs["kapuas-pupr"]
    assert demo.orgs["kapuas-pupr"].name.upper() in pdf_html(document)


def test_anonim_reporter_is_hidden_from_the_agency_in_every_format(demo):
    report = closed_report(demo)
    assert REPORTER_NAME in csv_text(demo, "kapuas.koordinator", report)
    agency = client_for(demo.users["kapuas.pupr.penghubung"])
    text = csv_text(demo, "kapuas.pupr.penghubung", report)
    assert REPORTER_NAME not in text
    assert "Dirahasiakan (anonim)" in text
    assert demo.users["warga"].email not in text
    workbook = read_xlsx(agency.get(file_url(report, "xlsx")).content)
    for ws in workbook.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert REPORTER_NAME not in " ".join(str(v) for v in row if v is not None)
    document = report_record(demo.users["kapuas.pupr.penghubung"], report, timezone.now())
    assert REPORTER_NAME not in pdf_html(document)


def test_a_named_reporter_is_shown_to_the_agency(demo):
    report = closed_report(demo, anonymous=False)
    assert REPORTER_NAME in csv_text(demo, "kapuas.pupr.penghubung", report)


def test_internal_disposition_instructions_stay_in_the_staff_record(demo):
    u = demo.users
    report = make_report(demo, Status.VERIFIED)
    actions.dispose_report(
        report,
        actor=Actor(user=u["kapuas.koordinator"]),
        agencies=[demo.orgs["kapuas-pupr"]],
        lead=demo.orgs["kapuas-pupr"],
        instructions="Mohon segera dicek, lokasi dekat sekolah.",
    )
    assert "Mohon segera dicek, lokasi dekat sekolah." in csv_text(
        demo, "kapuas.koordinator", report
    )


@pytest.mark.parametrize(
    "username",
    [
        "kapuas.pupr.penghubung",
        "kapuas.pupr.staf",
        "majalengka.koordinator",
        "bangkalan.dishub.admin",
    ],
)
def test_report_outside_scope_is_404(demo, username):
    report = disposed_to(demo, "kapuas-disdik")
    response = client_for(demo.users[username]).get(file_url(report, "pdf"))
    assert response.status_code == 404


def test_the_reporter_is_not_staff_and_gets_403(demo):
    report = closed_report(demo)
    response = client_for(demo.users["warga"]).get(file_url(report, "csv"))
    assert response.status_code == 403
    assert REPORTER_NAME not in response.content.decode()


def test_anonymous_visitor_is_sent_to_login(demo):
    report = make_report(demo, Status.SUBMITTED)
    response = client_for(None).get(file_url(report, "pdf"))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_unknown_format_and_unknown_report_are_404(demo):
    report = make_report(demo, Status.SUBMITTED)
    client = client_for(demo.users["kapuas.koordinator"])
    assert client.get(file_url(report, "docx")).status_code == 404
    assert client.get("/petugas/ekspor/laporan/LPR-0000-XXXXXX.pdf").status_code == 404
    assert client.post(file_url(report, "csv")).status_code == 405


def test_staff_report_page_links_to_the_record(demo):
    report = make_report(demo, Status.SUBMITTED)
    page = client_for(demo.users["kapuas.koordinator"]).get(report_url(report)).content.decode()
    assert "Unduh berkas laporan" in page
    for fmt in ("pdf", "xlsx", "csv"):
        assert f'href="{file_url(report, fmt)}"' in page


def test_majalengka_report_uses_its_own_pemda(demo):
    report = actions.submit_report(
        report_input(demo, pemda="majalengka"),
        actor=Actor.reporter(demo.users["warga2"]),
        now=timezone.now(),
    ).report
    document = report_record(demo.users["majalengka.koordinator"], report, timezone.now())
    assert document.organisation == demo.orgs["majalengka"]
