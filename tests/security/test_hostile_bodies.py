"""Hostile bodies: deep JSON, large JSON, too many files or fields, ids beyond 64 bits.

Each is a clear 4xx, in the API's error shape under /api/ and as an Indonesian page on
the web, and changes nothing.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from tests.api.helpers import assert_error, png, snapshot
from tests.citizen.test_submit import form_data
from tests.conftest import client_for
from tests.reports.helpers import make_report
from tests.security.hostile import large_json, nested_json
from tuntas.core.jsonsafe import MAX_DEPTH, loads, nesting_depth
from tuntas.outbox.models import OutboxMessage, OutboxState
from tuntas.reports.models import Status

JSON = "application/json"


def test_the_depth_counter_ignores_brackets_inside_strings() -> None:
    assert nesting_depth('{"a": [1, {"b": "[[[[[[\\"]]"}], "c": {}}', limit=3) == 3
    assert loads("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(ValueError):
        loads("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 50_000])
@pytest.mark.parametrize("url", ["/api/reports/", "/api/auth/token/", "/api/staff/reports/"])
def test_deeply_nested_json_is_400_too_deep(demo, url: str, depth: int) -> None:
    client = APIClient()
    if "staff" in url:
        client.force_authenticate(demo.users["kapuas.koordinator"])
    before = snapshot()
    response = client.post(url, nested_json(depth), content_type=JSON)
    error = assert_error(response, 400, "too_deep")
    assert str(MAX_DEPTH) in error["message"]
    assert snapshot() == before


def test_deep_json_in_a_report_action_is_refused_too(demo) -> None:
    report = make_report(demo, Status.SUBMITTED)
    client = APIClient()
    client.force_authenticate(demo.users["kapuas.koordinator"])
    before = snapshot()
    url = f"/api/staff/reports/{report.tracking_id}/actions/verify/"
    assert_error(client.post(url, nested_json(), content_type=JSON), 400, "too_deep")
    assert snapshot() == before


@pytest.mark.parametrize("url", ["/api/reports/", "/api/auth/token/"])
def test_a_3_mb_json_body_is_413_in_the_api_shape(demo, url: str) -> None:
    before = snapshot()
    response = APIClient().post(url, large_json(), content_type=JSON)
    assert_error(response, 413, "request_too_large")
    assert snapshot() == before


SUBMISSION = {
    "title": "Sampah menumpuk di pasar",
    "description": "Sampah di Pasar Kapuas Hilir tidak diangkut sejak lima hari, bau sekali.",
    "classification": "complaint",
    "pemda": "kapuas",
    "reporter_phone": "0812 9999 0000",
}


def many_files(n: int = 150) -> list[SimpleUploadedFile]:
    return [png(f"foto{i}.png") for i in range(n)]


def test_150_files_in_the_api_are_413_in_the_api_shape(demo) -> None:
    before = snapshot()
    response = APIClient().post(
        "/api/reports/", {**SUBMISSION, "attachments": many_files()}, format="multipart"
    )
    error = assert_error(response, 413, "too_many_files")
    assert "berkas" in error["message"]
    assert snapshot() == before


def test_150_files_on_the_web_form_are_a_friendly_413_page(demo) -> None:
    before = snapshot()
    response = client_for(None).post("/lapor/", {**form_data(demo), "attachments": many_files()})
    assert response.status_code == 413
    page = response.content.decode()
    assert "Terlalu banyak berkas" in page and "Tidak ada yang disimpan" in page
    assert snapshot() == before


def test_a_form_field_over_the_memory_limit_is_413_on_web_and_api(demo) -> None:
    huge = "x" * (3 * 1024 * 1024)
    before = snapshot()
    web = client_for(None).post("/lapor/", {**form_data(demo), "description": huge})
    assert web.status_code == 413 and "terlalu besar" in web.content.decode()
    api = APIClient().post(
        "/api/reports/",
        {**SUBMISSION, "description": huge, "attachments": [png()]},
        format="multipart",
    )
    assert_error(api, 413, "request_too_large")
    assert snapshot() == before


def test_a_form_urlencoded_body_over_the_limit_is_413_json_under_api(demo) -> None:
    response = Client().post(
        "/api/auth/token/",
        "description=" + "x" * (3 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    assert_error(response, 413, "request_too_large")


def dead_message(demo) -> OutboxMessage:
    report = make_report(demo, Status.SUBMITTED)
    message = OutboxMessage.objects.filter(report=report).first()
    assert message is not None
    OutboxMessage.objects.filter(pk=message.pk).update(state=OutboxState.DEAD, attempts=5)
    message.refresh_from_db()
    return message


@pytest.mark.parametrize(
    "raw", [str(2**64), str(2**63), "9" * 40, "-1", "0", "abc", "1e3", "١٢", " ", "1 2"]
)
def test_a_retry_id_that_is_no_message_id_is_404_not_500(demo, raw: str) -> None:
    message = dead_message(demo)
    client = client_for(demo.users["kapuas.koordinator"])
    response = client.post("/petugas/pesan-gagal/kirim-ulang/", {"id": raw})
    assert response.status_code == 404
    message.refresh_from_db()
    assert message.state == OutboxState.DEAD


def test_a_good_retry_id_still_works(demo) -> None:
    message = dead_message(demo)
    client = client_for(demo.users["kapuas.koordinator"])
    response = client.post("/petugas/pesan-gagal/kirim-ulang/", {"id": str(message.pk)})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state != OutboxState.DEAD


def test_a_huge_file_is_not_written_whole_and_is_refused_by_name(demo, settings) -> None:
    from tuntas.core.uploadhandlers import UploadSizeCap

    settings.TUNTAS_MAX_UPLOAD_BYTES = 200 * 1024
    seen: list[int] = []
    real = UploadSizeCap.receive_data_chunk

    def spy(self: UploadSizeCap, raw_data: bytes, start: int) -> bytes | None:
        kept = real(self, raw_data, start)
        if kept is not None:
            seen.append(len(kept))
        return kept

    huge = SimpleUploadedFile("besar.pdf", b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024))
    before = snapshot()
    with mock.patch.object(UploadSizeCap, "receive_data_chunk", spy):
        response = client_for(None).post("/lapor/", {**form_data(demo), "attachments": [huge]})
    assert response.status_code == 400
    assert "besar.pdf terlalu besar" in response.content.decode()
    assert settings.TUNTAS_MAX_UPLOAD_BYTES < sum(seen) <= settings.TUNTAS_MAX_UPLOAD_BYTES + 2**16
    assert snapshot() == before


@pytest.mark.parametrize(
    "path",
    [
        "/laporan/{tid}/lampiran/{big}/",
        "/petugas/laporan/{tid}/lampiran/{big}/",
        "/api/reports/{tid}/attachments/{big}/",
        "/petugas/pengawasan/monev/{big}/",
        "/petugas/pengawasan/triwulan/{big}/",
        "/api/oversight/quarterly/{big}/",
    ],
)
def test_an_id_beyond_64_bits_in_a_path_is_404(demo, path: str) -> None:
    report = make_report(demo, Status.SUBMITTED)
    url = path.format(tid=report.tracking_id, big=2**70)
    for user in ("warga", "kapuas.koordinator"):
        response = client_for(demo.users[user]).get(url)
        assert response.status_code in (403, 404), (url, user, response.status_code)


def test_a_deep_webhook_body_is_unparseable_not_a_crash() -> None:
    from tuntas.inbound.parsing import parse_sms, parse_whatsapp

    deep = nested_json().encode()
    whatsapp = parse_whatsapp(deep)
    assert len(whatsapp) == 1 and whatsapp[0].error
    assert parse_sms(deep, "application/json").error
