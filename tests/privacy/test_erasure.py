"""Erasure: asked by the reporter, carried out after the waiting period or when a
coordinator confirms it; the identity and the reporter's files and words go, the report,
its status, the audit trail (under a pseudonym) and the statistics stay."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from tests.conftest import client_for
from tests.privacy.helpers import (
    GUEST_EMAIL,
    GUEST_NAME,
    GUEST_NIK,
    GUEST_PHONE,
    NAME,
    guest_report,
    proven,
    reporter_report,
)
from tests.staff.helpers import report_url
from tuntas.accounts.models import User
from tuntas.audit.catalogue import AuditAction
from tuntas.audit.models import AuditEvent
from tuntas.core.errors import Conflict, PermissionDenied
from tuntas.demo.builder import DEMO_PASSWORD, Demo
from tuntas.privacy.erasure import (
    ERASED_TEXT,
    cancel_erasure,
    carry_out_due,
    confirm_erasure,
    request_erasure,
)
from tuntas.privacy.export import Subject
from tuntas.privacy.models import ErasureRequest, ErasureState
from tuntas.reports.models import Attachment, Message, Report


def actions_of(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


def test_the_reporter_asks_on_the_page_and_it_waits(demo: Demo, settings) -> None:
    settings.TUNTAS_ERASURE_WAIT_HOURS = 48
    reporter_report(demo)
    client = client_for(demo.users["warga"])
    refused = client.post("/akun/data-saya/hapus/", {}, follow=True)
    assert "Centang pernyataan" in refused.content.decode()
    assert not ErasureRequest.objects.exists()
    r = client.post("/akun/data-saya/hapus/", {"understood": "yes"}, follow=True)
    assert "Permintaan penghapusan tercatat" in r.content.decode()
    (request,) = ErasureRequest.objects.all()
    assert request.state == ErasureState.PENDING and request.user == demo.users["warga"]
    assert timedelta(hours=47) < request.due_at - request.requested_at <= timedelta(hours=48)
    assert len(actions_of(AuditAction.ERASURE_REQUESTED)) == 1
    again = client.post("/akun/data-saya/hapus/", {"understood": "yes"}, follow=True)
    assert "sudah tercatat" in again.content.decode()
    assert ErasureRequest.objects.count() == 1
    # Nothing is erased yet.
    assert User.objects.get(username="warga").full_name == NAME


def test_the_reporter_may_cancel_while_it_waits(demo: Demo) -> None:
    client = client_for(demo.users["warga"])
    client.post("/akun/data-saya/hapus/", {"understood": "yes"})
    client.post("/akun/data-saya/hapus/batal/")
    assert ErasureRequest.objects.get().state == ErasureState.CANCELLED
    assert len(actions_of(AuditAction.ERASURE_CANCELLED)) == 1
    assert carry_out_due(now=timezone.now() + timedelta(days=10)) == []
    assert User.objects.get(username="warga").full_name == NAME


def test_carrying_it_out_erases_the_identity_and_keeps_the_record(
    demo: Demo, django_capture_on_commit_callbacks
) -> None:
    warga = demo.users["warga"]
    warga.nik, warga.phone = "6203014101900001", "081299990000"
    warga.save()
    report = reporter_report(demo)
    status, events_before = report.status, AuditEvent.objects.filter(report=report).count()
    photo = Attachment.objects.get(report=report, kind="completion")
    path = str(photo.file.name)
    assert default_storage.exists(path)
    request = request_erasure(Subject(user=warga), actor=warga, surface="page", now=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        (done,) = carry_out_due(now=request.due_at + timedelta(minutes=1))
    assert done.state == ErasureState.DONE and done.pseudonym.startswith("Pelapor-")

    user = User.objects.get(pk=warga.pk)
    assert (user.full_name, user.email, user.phone, user.nik) == (done.pseudonym, "", "", "")
    assert user.username == f"terhapus-{user.pk}" and not user.is_active
    assert not user.has_usable_password()
    report.refresh_from_db()
    assert report.status == status  # erasure never changes the status
    assert report.reporter_id == user.pk and report.title  # the record stays
    assert not Attachment.objects.filter(report=report, kind__in=["evidence", "completion"])
    assert not default_storage.exists(path)
    words = list(
        Message.objects.filter(report=report, kind__in=["clarification", "reply"]).values_list(
            "body", flat=True
        )
    )
    assert words and set(words) == {ERASED_TEXT}
    assert Message.objects.filter(report=report, kind="clarification_request").exists()
    trail = AuditEvent.objects.filter(report=report)
    assert trail.count() == events_before + 1  # the trail stays, plus one staff event
    assert not trail.filter(actor_label=NAME).exists()
    assert trail.filter(actor_label=done.pseudonym).exists()
    (carried,) = actions_of(AuditAction.ERASURE_CARRIED_OUT)
    assert carried.data["tracking_ids"] == [report.tracking_id] and carried.data["account"]
    assert carried.data["files"] == 1


def test_the_erased_account_can_no_longer_sign_in(demo: Demo) -> None:
    warga = demo.users["warga"]
    client = client_for(warga)
    request = request_erasure(Subject(user=warga), actor=warga, surface="page", now=timezone.now())
    carry_out_due(now=request.due_at)
    assert client.get("/akun/data-saya/").status_code == 302  # the session is gone
    signin = Client().post("/akun/masuk/", {"username": "warga", "password": DEMO_PASSWORD})
    assert signin.status_code != 302


def test_staff_see_the_pseudonym_never_the_name(demo: Demo) -> None:
    report = reporter_report(demo)
    warga = demo.users["warga"]
    request = request_erasure(Subject(user=warga), actor=warga, surface="api", now=timezone.now())
    done = confirm_erasure(request, actor=demo.users["kapuas.koordinator"], now=timezone.now())
    page = client_for(demo.users["kapuas.koordinator"]).get(report_url(report)).content.decode()
    assert NAME not in page and done.pseudonym in page
    assert len(actions_of(AuditAction.ERASURE_CONFIRMED)) == 1


def test_a_coordinator_of_another_pemda_may_not_confirm(demo: Demo) -> None:
    reporter_report(demo)
    warga = demo.users["warga"]
    request = request_erasure(Subject(user=warga), actor=warga, surface="page", now=timezone.now())
    with pytest.raises(PermissionDenied):
        confirm_erasure(request, actor=demo.users["majalengka.koordinator"], now=timezone.now())
    with pytest.raises(PermissionDenied):
        confirm_erasure(request, actor=demo.users["kapuas.pupr.kadis"], now=timezone.now())
    other = client_for(demo.users["majalengka.koordinator"])
    assert other.get("/petugas/penghapusan-data/").content.decode().count("Jalankan sekarang") == 0
    assert other.post(f"/petugas/penghapusan-data/{request.pk}/jalankan/").status_code == 404
    assert ErasureRequest.objects.get().state == ErasureState.PENDING
    assert User.objects.get(pk=warga.pk).full_name == NAME


def test_the_coordinator_confirms_on_the_staff_page(demo: Demo) -> None:
    reporter_report(demo)
    warga = demo.users["warga"]
    request = request_erasure(Subject(user=warga), actor=warga, surface="page", now=timezone.now())
    coordinator = client_for(demo.users["kapuas.koordinator"])
    listing = coordinator.get("/petugas/penghapusan-data/").content.decode()
    assert f"#{request.pk}" in listing and NAME not in listing
    r = coordinator.post(f"/petugas/penghapusan-data/{request.pk}/jalankan/", follow=True)
    assert "sudah dihapus" in r.content.decode()
    assert ErasureRequest.objects.get().state == ErasureState.DONE
    again = coordinator.post(f"/petugas/penghapusan-data/{request.pk}/jalankan/")
    assert again.status_code == 404


@pytest.mark.parametrize("raw", ["abc", "0", "-1", str(2**70), "1.5"])
def test_a_bad_request_id_is_a_404(demo: Demo, raw: str) -> None:
    coordinator = client_for(demo.users["kapuas.koordinator"])
    assert coordinator.post(f"/petugas/penghapusan-data/{raw}/jalankan/").status_code == 404


def test_a_citizen_cannot_open_the_staff_list(demo: Demo) -> None:
    r = client_for(demo.users["warga"]).get("/petugas/penghapusan-data/")
    assert r.status_code == 403


def test_staff_accounts_are_not_erased_this_way(demo: Demo) -> None:
    staff = demo.users["kapuas.pupr.kadis"]
    with pytest.raises(PermissionDenied):
        request_erasure(Subject(user=staff), actor=staff, surface="page", now=timezone.now())
    r = client_for(staff).post("/api/me/erasure/")
    assert r.status_code == 403 and r.json()["error"]["code"] == "staff_account"
    page = client_for(staff).get("/akun/data-saya/").content.decode()
    assert "Akun petugas tidak dapat dihapus" in page
    assert not ErasureRequest.objects.exists()


def test_a_guest_reporter_erases_one_report_by_access_code(demo: Demo) -> None:
    guest = guest_report(demo)
    tid = guest.report.tracking_id
    client = proven(guest)
    client.post(f"/laporan/{tid}/data-saya/hapus/", {"understood": "yes"})
    request = ErasureRequest.objects.get()
    assert request.report == guest.report and request.user is None
    carry_out_due(now=request.due_at)
    report = Report.objects.get(pk=guest.report.pk)
    assert report.reporter_name.startswith("Pelapor-")
    assert (report.reporter_nik, report.reporter_phone, report.reporter_email) == ("", "", "")
    assert not report.attachments.filter(kind="evidence").exists()
    leftover = str(list(AuditEvent.objects.values_list("actor_label", "reason", "data")))
    for value in (GUEST_NAME, GUEST_NIK, GUEST_EMAIL, GUEST_PHONE):
        assert value not in leftover


def test_the_erasure_api_asks_reads_and_cancels(demo: Demo) -> None:
    client = client_for(demo.users["warga"])
    assert client.get("/api/me/erasure/").status_code == 404
    asked = client.post("/api/me/erasure/")
    assert asked.status_code == 201 and asked.json()["state"] == "pending"
    twice = client.post("/api/me/erasure/")
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "erasure_pending"
    assert client.get("/api/me/erasure/").json()["state"] == "pending"
    cancelled = client.delete("/api/me/erasure/")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    assert client.delete("/api/me/erasure/").status_code == 404
    assert Client().post("/api/me/erasure/").status_code == 401


def test_the_access_code_erasure_api(demo: Demo) -> None:
    guest = guest_report(demo)
    tid = guest.report.tracking_id
    api = Client()
    assert api.post(f"/api/reports/{tid}/erasure/").status_code == 401
    wrong = api.post(f"/api/reports/{tid}/erasure/", HTTP_X_ACCESS_CODE="SALAH")
    assert wrong.status_code == 404
    ok = api.post(f"/api/reports/{tid}/erasure/", HTTP_X_ACCESS_CODE=guest.access_code)
    assert ok.status_code == 201
    assert ErasureRequest.objects.get().report_id == guest.report.pk


def test_a_done_request_cannot_be_cancelled_or_done_twice(demo: Demo) -> None:
    warga = demo.users["warga"]
    request = request_erasure(Subject(user=warga), actor=warga, surface="page", now=timezone.now())
    carry_out_due(now=request.due_at)
    with pytest.raises(Conflict):
        cancel_erasure(request, actor=warga, now=timezone.now())
    assert carry_out_due(now=request.due_at + timedelta(days=1)) == []


def test_failed_sign_ins_naming_the_account_show_the_pseudonym(demo: Demo) -> None:
    from tuntas.audit.services import record_event

    record_event(
        action=AuditAction.SIGN_IN_FAILED,
        actor=None,
        actor_label="10.0.0.9",
        now=timezone.now(),
        data={"username": "Warga", "address": "10.0.0.9", "channel": "web"},
    )
    warga = demo.users["warga"]
    request = request_erasure(Subject(user=warga), actor=warga, surface="page", now=timezone.now())
    done = confirm_erasure(request, actor=demo.users["nasional"], now=timezone.now())
    (event,) = actions_of(AuditAction.SIGN_IN_FAILED)
    assert event.data["username"] == done.pseudonym and event.data["channel"] == "web"
