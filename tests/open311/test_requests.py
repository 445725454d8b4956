"""GET requests: only what the public may see, the spec's filters, defaults and errors."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.open311.conftest import BASE, public_report
from tests.reports.helpers import make_report
from tuntas.reference.models import Category
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Clock, Report, Status

K = "jurisdiction_id=kapuas"


def _ids(client, query: str = "") -> list[str]:
    r = client.get(f"{BASE}/requests.json?{K}&{query}")
    assert r.status_code == 200, r.content
    return [row["service_request_id"] for row in r.json()]


def test_a_rahasia_report_never_appears(demo, client):
    secret = make_report(demo, Status.DISPOSED)  # rahasia by default
    assert secret.is_confidential
    assert _ids(client) == []
    assert _ids(client, f"service_request_id={secret.tracking_id}") == []
    for fmt in ("json", "xml"):
        r = client.get(f"{BASE}/requests/{secret.tracking_id}.{fmt}?{K}")
        assert r.status_code == 404
        assert secret.tracking_id.encode() in r.content  # the error names what was asked
        assert secret.description.encode() not in r.content


def test_a_report_not_yet_verified_never_appears(demo, client):
    report = public_report(demo, Status.SUBMITTED)
    assert _ids(client) == []
    assert client.get(f"{BASE}/requests/{report.tracking_id}.json?{K}").status_code == 404


def test_the_reporters_identity_is_never_in_any_body(demo, client):
    report = public_report(demo, Status.CLOSED)
    warga = demo.users["warga"]
    Report.objects.filter(pk=report.pk).update(
        reporter_name="Siti Rahmawati",
        reporter_phone="081234567890",
        reporter_nik="3203010101010001",
    )
    bodies = [
        client.get(f"{BASE}/requests.{fmt}?{K}").content.decode()
        + client.get(f"{BASE}/requests/{report.tracking_id}.{fmt}?{K}").content.decode()
        for fmt in ("json", "xml")
    ]
    for body in bodies:
        assert report.tracking_id in body
        for secret in (
            warga.full_name,
            warga.email,
            warga.username,
            "081234567890",
            "3203010101010001",
        ):
            assert secret not in body


def test_jurisdictions_are_isolated(demo, client):
    report = public_report(demo)
    assert _ids(client) == [report.tracking_id]
    assert client.get(f"{BASE}/requests.json?jurisdiction_id=majalengka").json() == []
    r = client.get(f"{BASE}/requests/{report.tracking_id}.json?jurisdiction_id=majalengka")
    assert r.status_code == 404


def test_the_fields_tell_the_public_status(demo, client):
    report = public_report(demo, Status.DISPOSED)
    row = client.get(f"{BASE}/requests/{report.tracking_id}.json?{K}").json()[0]
    assert row["status"] == "open"
    assert row["status_notes"].startswith("Didisposisikan: menunggu diterima OPD.")
    assert "Petugas" in row["status_notes"]
    assert row["agency_responsible"] == "Dinas Pekerjaan Umum dan Penataan Ruang Kab. Kapuas"
    assert row["service_name"] == "Jalan rusak"
    assert row["service_code"] == str(Category.objects.get(name="Jalan rusak").pk)
    assert row["address"] == "Jl. Tambun Bungai, Selat"
    assert row["requested_datetime"].endswith("+07:00")
    nearest = (
        Clock.objects.filter(report=report, stopped_at__isnull=True, paused_at__isnull=True)
        .exclude(due_at__isnull=True)
        .order_by("due_at")
        .first()
    )
    assert nearest is not None
    assert row["expected_datetime"] == timezone.localtime(nearest.due_at).isoformat(
        timespec="seconds"
    )
    assert row["media_url"] is None


def test_a_closed_report_is_closed_and_expects_nothing(demo, client):
    report = public_report(demo, Status.CLOSED)
    row = client.get(f"{BASE}/requests/{report.tracking_id}.json?{K}").json()[0]
    assert row["status"] == "closed"
    assert row["expected_datetime"] is None
    assert row["status_notes"].startswith("Selesai.")
    assert "Jalan telah ditambal" in row["status_notes"]  # the published follow-up


def test_status_and_service_filters(demo, client):
    open_one = public_report(demo, Status.DISPOSED)
    closed_one = public_report(demo, Status.CLOSED)
    assert set(_ids(client)) == {open_one.tracking_id, closed_one.tracking_id}
    assert _ids(client, "status=open") == [open_one.tracking_id]
    assert _ids(client, "status=closed") == [closed_one.tracking_id]
    assert set(_ids(client, "status=open,closed")) == {open_one.tracking_id, closed_one.tracking_id}
    code = Category.objects.get(name="Jalan rusak").pk
    assert len(_ids(client, f"service_code={code}")) == 2
    other = Category.objects.get(name="Sampah").pk
    assert _ids(client, f"service_code={other},lainnya") == []


def test_service_request_id_list_overrides_other_filters(demo, client):
    a = public_report(demo, Status.DISPOSED)
    b = public_report(demo, Status.CLOSED)
    ids = _ids(client, f"service_request_id={a.tracking_id},{b.tracking_id}&status=open")
    assert set(ids) == {a.tracking_id, b.tracking_id}


def test_the_default_range_is_the_last_90_days(demo, client):
    old = public_report(demo, now=timezone.now() - timedelta(days=100))
    recent = public_report(demo)
    assert _ids(client) == [recent.tracking_id]
    start = (timezone.now() - timedelta(days=120)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (timezone.now() - timedelta(days=50)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert _ids(client, f"start_date={start}&end_date={end}") == [old.tracking_id]
    assert _ids(client, f"start_date={start}") == [old.tracking_id]  # start + 90 days


def test_the_list_is_newest_first_and_at_most_1000(demo, client, monkeypatch):
    first = public_report(demo, now=timezone.now() - timedelta(days=2))
    second = public_report(demo, now=timezone.now() - timedelta(days=1))
    assert _ids(client) == [second.tracking_id, first.tracking_id]
    monkeypatch.setattr("tuntas.open311.selectors.MAX_RESULTS", 1)
    assert _ids(client) == [second.tracking_id]


@pytest.mark.parametrize(
    "query",
    [
        "start_date=2026-01-01",  # no time zone
        "start_date=2026-13-01T00:00:00Z",
        "end_date=yesterday",
        "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",  # > 90 days
        "start_date=2026-03-01T00:00:00Z&end_date=2026-02-01T00:00:00Z",  # end before start
        "status=pending",
    ],
)
def test_bad_filters_are_400(demo, client, query):
    r = client.get(f"{BASE}/requests.json?{K}&{query}")
    assert r.status_code == 400
    assert r.json()[0]["code"] == 400


def test_jurisdiction_is_required_with_several_pemdas(demo, client):
    r = client.get(f"{BASE}/requests.json")
    assert r.status_code == 400
    assert "jurisdiction_id" in r.json()[0]["description"]


def test_jurisdiction_is_optional_with_one_pemda(demo, client):
    from tuntas.organisations.models import Organisation, OrganisationKind

    Organisation.objects.filter(kind=OrganisationKind.PEMDA).exclude(code="kapuas").update(
        is_active=False
    )
    report = public_report(demo)
    assert [r["service_request_id"] for r in client.get(f"{BASE}/requests.json").json()] == [
        report.tracking_id
    ]


@pytest.mark.parametrize(
    "path", ["/requests.html", "/requests.JSON5", "/services.csv", "/requests", "/unknown.json"]
)
def test_unknown_formats_and_paths_are_404(demo, client, path):
    r = client.get(f"{BASE}{path}?{K}")
    assert r.status_code == 404
    assert r["Content-Type"].startswith("text/xml")


def test_other_methods_are_refused(demo, client):
    r = client.delete(f"{BASE}/requests.json?{K}")
    assert r.status_code == 405
    assert r["Allow"] == "GET, POST"
    assert json.loads(r.content)[0]["code"] == 405


def test_an_archived_report_made_public_stays_hidden(demo, client):
    report = public_report(demo, Status.SUBMITTED)
    actions.archive_report(
        report, actor=Actor(user=demo.users["kapuas.koordinator"]), reason_code="duplicate"
    )
    assert _ids(client, f"service_request_id={report.tracking_id}") == []


def test_the_list_costs_the_same_queries_for_any_number_of_reports(
    demo, client, django_assert_num_queries
):
    public_report(demo)
    with django_assert_num_queries(3) as few:
        client.get(f"{BASE}/requests.json?{K}")
    for status in (Status.CLOSED, Status.FOLLOWED_UP, Status.VERIFIED):
        public_report(demo, status)
    with django_assert_num_queries(len(few.captured_queries)):
        rows = client.get(f"{BASE}/requests.json?{K}").json()
    assert len(rows) == 4
