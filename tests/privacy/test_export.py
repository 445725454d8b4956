"""Download my data: everything held about the reporter, nothing of the staff side, and
every export an audit event."""

from __future__ import annotations

import hashlib

from tests.conftest import client_for
from tests.privacy.helpers import (
    GUEST_EMAIL,
    GUEST_NIK,
    NAME,
    STAFF_NOTE,
    guest_report,
    proven,
    reporter_report,
    unzip,
)
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo

STAFF_NAMES = (
    "Rudi Staf Bidang Bina Marga",
    "Dewi Admin Utama Kapuas",
    "Ir. Hendra Kepala Dinas PUPR",
    "Agus Pejabat Penghubung PUPR",
)


def exports() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditAction.PERSONAL_DATA_EXPORTED))


def test_the_page_shows_the_account_with_the_nik_masked(demo: Demo) -> None:
    warga = demo.users["warga"]
    warga.nik = "6203014101900001"
    warga.phone = "081299990000"
    warga.save()
    report = reporter_report(demo)
    page = client_for(warga).get("/akun/data-saya/")
    html = page.content.decode()
    assert page.status_code == 200
    assert NAME in html and "081299990000" in html and report.tracking_id in html
    assert "0001" in html and "6203014101900001" not in html
    assert exports() == []  # looking at the page is not an export


def test_the_zip_holds_everything_and_nothing_of_the_staff_side(demo: Demo) -> None:
    warga = demo.users["warga"]
    warga.nik = "6203014101900001"
    warga.save()
    report = reporter_report(demo)
    r = client_for(warga).post("/akun/data-saya/unduh/")
    assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    assert r["Cache-Control"] == "private, no-store"
    data, files = unzip(r.content)
    assert data["account"]["nik"] == "6203014101900001"  # in full in the export
    assert data["account"]["full_name"] == NAME
    assert data["account"]["notification_preferences"]["email"] is True
    (entry,) = data["reports"]
    assert entry["tracking_id"] == report.tracking_id
    bodies = [m["body"] for m in entry["messages"]]
    assert "Sisi kiri, depan rumah saya" in bodies and "Makin parah, Pak" in bodies
    (listed,) = entry["files"]
    assert hashlib.sha256(files[listed["path"]]).hexdigest() == listed["sha256"]
    text = r.content.decode("latin-1") + str(data)
    assert STAFF_NOTE not in text
    for name in STAFF_NAMES:
        assert name not in text, name
    (event,) = exports()
    assert event.actor == warga and event.data["surface"] == "page"
    assert event.data["tracking_ids"] == [report.tracking_id] and event.data["files"] == 1


def test_the_api_gives_the_same_data_as_json_and_zip(demo: Demo) -> None:
    report = reporter_report(demo)
    client = client_for(demo.users["warga"])
    r = client.get("/api/me/data/")
    assert r.status_code == 200
    body = r.json()
    assert body["format"] == "tuntas-personal-data"
    assert [x["tracking_id"] for x in body["reports"]] == [report.tracking_id]
    assert STAFF_NOTE not in r.content.decode()
    archive = client.get("/api/me/data/archive/")
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"
    assert unzip(archive.content)[0]["reports"][0]["tracking_id"] == report.tracking_id
    assert [(e.data["surface"], e.data["format"]) for e in exports()] == [
        ("api", "json"),
        ("api", "zip"),
    ]


def test_another_reporter_gets_only_their_own(demo: Demo) -> None:
    reporter_report(demo)
    r = client_for(demo.users["warga2"]).get("/api/me/data/")
    assert r.status_code == 200
    assert r.json()["reports"] == [] and NAME not in r.content.decode()


def test_nobody_signed_in_gets_nothing(demo: Demo) -> None:
    from django.test import Client

    anon = Client()
    assert anon.get("/api/me/data/").status_code == 401
    assert anon.get("/api/me/data/archive/").status_code == 401
    page = anon.get("/akun/data-saya/")
    assert page.status_code == 302 and "/akun/masuk/" in page["Location"]
    assert anon.post("/akun/data-saya/unduh/").status_code == 302
    assert exports() == []


def test_the_download_is_a_post(demo: Demo) -> None:
    assert client_for(demo.users["warga"]).get("/akun/data-saya/unduh/").status_code == 405
    assert exports() == []


def test_a_reporter_proven_by_access_code_gets_that_report(demo: Demo) -> None:
    guest = guest_report(demo)
    client = proven(guest)
    tid = guest.report.tracking_id
    page = client.get(f"/laporan/{tid}/data-saya/")
    html = page.content.decode()
    assert page.status_code == 200 and GUEST_EMAIL in html
    assert GUEST_NIK not in html and GUEST_NIK[-4:] in html
    r = client.post(f"/laporan/{tid}/data-saya/unduh/")
    data, files = unzip(r.content)
    assert data["account"] is None
    assert data["reports"][0]["identity_on_report"]["nik"] == GUEST_NIK
    assert len(files) == 1
    (event,) = exports()
    assert event.actor is None and event.data["tracking_ids"] == [tid]


def test_the_access_code_api_and_its_refusals(demo: Demo) -> None:
    from django.test import Client

    guest = guest_report(demo)
    tid = guest.report.tracking_id
    api = Client()
    ok = api.get(f"/api/reports/{tid}/data/", HTTP_X_ACCESS_CODE=guest.access_code)
    assert ok.status_code == 200 and ok.json()["reports"][0]["tracking_id"] == tid
    wrong = api.get(f"/api/reports/{tid}/data/", HTTP_X_ACCESS_CODE="SALAH-123")
    assert wrong.status_code == 404 and wrong.json()["error"]["code"] == "report_not_found"
    assert api.get(f"/api/reports/{tid}/data/").status_code == 401
    unknown = api.get("/api/reports/LPR-0000-XXXXXX/data/", HTTP_X_ACCESS_CODE="ABCD")
    assert unknown.status_code == 404
    assert len(exports()) == 1


def test_another_browser_without_the_code_sees_a_404(demo: Demo) -> None:
    guest = guest_report(demo)
    tid = guest.report.tracking_id
    other = client_for(demo.users["warga2"])
    assert other.get(f"/laporan/{tid}/data-saya/").status_code == 404
    assert other.post(f"/laporan/{tid}/data-saya/unduh/").status_code == 404
    assert exports() == []


def test_the_owner_opening_the_report_page_is_sent_to_the_account_page(demo: Demo) -> None:
    report = reporter_report(demo)
    r = client_for(demo.users["warga"]).get(f"/laporan/{report.tracking_id}/data-saya/")
    assert r.status_code == 302 and r["Location"] == "/akun/data-saya/"


def test_the_privacy_notice_shows_the_periods(demo: Demo, settings) -> None:
    from django.test import Client

    settings.TUNTAS_RETENTION_API_KEY_USE_DAYS = 0
    page = Client().get("/privasi/").content.decode()
    assert "730 hari" in page and "90 hari" in page and "tanpa batas" in page
    assert "48 jam" in page


def test_the_report_page_links_to_the_data_page(demo: Demo) -> None:
    guest = guest_report(demo)
    tid = guest.report.tracking_id
    html = proven(guest).get(f"/laporan/{tid}/").content.decode()
    assert f"/laporan/{tid}/data-saya/" in html
    report = reporter_report(demo)
    mine = client_for(demo.users["warga"]).get(f"/laporan/{report.tracking_id}/")
    assert "/akun/data-saya/" in mine.content.decode()
