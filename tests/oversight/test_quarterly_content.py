"""What the quarterly report contains, and that what was signed never changes."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.oversight.helpers import past_quarter, quarter_reports
from tests.reports.helpers import make_report, report_input
from tuntas.demo.builder import Demo
from tuntas.exports.document import Document, KeyValues, Signature, Table
from tuntas.oversight import actions
from tuntas.oversight.quarterly import compile_quarter_document, stored_document
from tuntas.reports import actions as report_actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Status

pytestmark = pytest.mark.django_db


def table(document: Document, title: str) -> Table:
    found = [s for s in document.sections if isinstance(s, Table) and s.title == title]
    assert found, [s.title for s in document.sections]
    return found[0]


def summary(document: Document) -> dict[str, object]:
    kv = next(s for s in document.sections if isinstance(s, KeyValues))
    return dict(kv.items)


def test_it_counts_the_quarter_of_this_pemda_only(demo: Demo) -> None:
    year, quarter, reports = quarter_reports(demo)
    _y, _q, moment = past_quarter(demo)
    # Outside the quarter, and another Pemda's report inside it: both left out.
    make_report(demo, Status.SUBMITTED, now=moment - timedelta(days=120))
    report_actions.submit_report(
        report_input(demo, pemda="majalengka"),
        actor=Actor.reporter(demo.users["warga2"]),
        now=moment,
    )
    document = compile_quarter_document(pemda=demo.orgs["kapuas"], year=year, quarter=quarter)
    assert document.organisation == demo.orgs["kapuas"]
    assert str(year) in document.subtitle
    figures = summary(document)
    assert figures["Laporan diterima (semua kanal)"] == 3
    assert figures["Ditindaklanjuti"] == 2
    assert figures["Selesai"] == 1
    listed = table(document, "Daftar laporan")
    assert sorted(str(r[0]) for r in listed.rows) == sorted(r.tracking_id for r in reports)
    statuses = {r[0]: r[1] for r in table(document, "Menurut status").rows}
    assert statuses == {
        "Selesai": 1,
        "Ditindaklanjuti: menunggu tanggapan pelapor": 1,
        "Menunggu verifikasi": 1,
    }
    assert table(document, "Menurut kanal").footer == ["Jumlah", 3, 100.0]
    on_time = table(document, "Ketepatan waktu per langkah")
    assert "Verifikasi laporan" in [r[0] for r in on_time.rows]


def test_anonymous_reporters_stay_anonymous(demo: Demo) -> None:
    year, quarter, reports = quarter_reports(demo)
    document = compile_quarter_document(pemda=demo.orgs["kapuas"], year=year, quarter=quarter)
    reporter_of = {r[0]: r[-1] for r in table(document, "Daftar laporan").rows}
    closed, _followed, named = reports
    assert reporter_of[closed.tracking_id] == "Anonim"
    assert reporter_of[named.tracking_id] == "Siti Pelapor"
    everything = json.dumps([list(map(str, r)) for r in table(document, "Daftar laporan").rows])
    assert "siti@contoh.invalid" not in everything
    assert demo.users["warga"].display_name not in everything


def test_the_document_reads_the_quarter_in_a_fixed_number_of_queries(
    demo: Demo, django_assert_max_num_queries: object
) -> None:
    year, quarter, _reports = quarter_reports(demo)
    _y, _q, moment = past_quarter(demo)
    for n in range(4):
        make_report(demo, Status.DISPOSED, now=moment + timedelta(days=3 + n))
    with django_assert_max_num_queries(4):  # type: ignore[operator]  # pytest-django fixture
        document = compile_quarter_document(pemda=demo.orgs["kapuas"], year=year, quarter=quarter)
    assert len(table(document, "Daftar laporan").rows) == 7


def test_what_was_signed_never_changes(demo: Demo) -> None:
    year, quarter, reports = quarter_reports(demo)
    u = demo.users
    report = actions.compile_quarterly_report(
        pemda=demo.orgs["kapuas"], year=year, quarter=quarter, actor=u["kapuas.koordinator"]
    )
    actions.submit_quarterly_report(report, actor=u["kapuas.koordinator"])
    actions.initial_quarterly_report(report, actor=u["kapuas.kasi"])
    actions.initial_quarterly_report(report, actor=u["kapuas.kabid"])
    actions.check_resolved_quarterly_report(report, actor=u["kapuas.kasi"])
    actions.archive_quarterly_report(report, actor=u["kapuas.kabid"], note="Bahan rapat")
    report.refresh_from_db()
    before = stored_document(report)

    # Later: the followed-up report is closed and a late report lands in the quarter.
    report_actions.reply_satisfied(
        reports[1], actor=Actor(user=u["warga"]), rating=4, now=timezone.now()
    )
    _y, _q, moment = past_quarter(demo)
    make_report(demo, Status.SUBMITTED, now=moment + timedelta(days=5))

    report.refresh_from_db()
    after = stored_document(report)
    assert after.sections == before.sections
    assert summary(after)["Selesai"] == 1
    live = compile_quarter_document(pemda=demo.orgs["kapuas"], year=year, quarter=quarter)
    assert summary(live)["Selesai"] == 2
    assert summary(live)["Laporan diterima (semua kanal)"] == 4

    names = [(s.name, s.role) for s in after.signatures]
    assert names[0] == ("Dewi Admin Utama Kapuas", "Admin Utama — Disusun")
    assert ("Lina Kasi Pengelolaan Aduan", "Kepala Seksi (Kasi) — Diparaf") in names
    assert ("Fajar Kabid IKP", "Kepala Bidang (Kabid) — Didisposisikan untuk diarsipkan") in names
    assert all(isinstance(s, Signature) and s.signed_at is not None for s in after.signatures)
