"""The staff report page: fields, identity masking, clocks, history and the offered actions."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from tests.conftest import client_for
from tests.reports.helpers import make_report, report_input
from tests.staff.helpers import body, disposed_to, report_url
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Status

S = Status
REPORTER_NAME = "Siti Rahmawati"  # the demo citizen "warga"


def _match(pattern: str, html: str, group: int = 0) -> str:
    found = re.search(pattern, html)
    assert found is not None, pattern
    return found.group(group)


def page(demo, username, report) -> str:
    response = client_for(demo.users[username]).get(report_url(report))
    assert response.status_code == 200
    return body(response)


def offered(html: str) -> set[str]:
    """The actions whose forms the page renders."""
    return set(re.findall(r'/aksi/([a-z_]+)/"', html))


def test_it_shows_the_report_fields_and_labelled_history(demo):
    report = make_report(demo, S.ACCEPTED)
    html = page(demo, "kapuas.pupr.kadis", report)
    for text in [
        report.tracking_id,
        report.title,
        report.description,
        "Pengaduan (tidak berkadar pengawasan)",
        "Jalan rusak",
        "Jl. Tambun Bungai, Selat",
        "Situs web",
        "Dinas PUPR Kapuas",
        # timeline: action labels and from → to status labels
        "Verifikasi",
        "Disposisi ke OPD",
        "Terima disposisi",
        "Menunggu verifikasi → Terverifikasi: menunggu disposisi",
        "Dewi Admin Utama Kapuas",
        # clocks: open step with its deadline
        "Disposisi internal ke bidang",
        "Sisa",
        "Tepat waktu",
    ]:
        assert text in html, text


def test_anonymous_reporter_is_hidden_from_agency_staff(demo):
    report = make_report(demo, S.IN_DIVISION)
    assert report.is_anonymous
    for username in ["kapuas.pupr.penghubung", "kapuas.pupr.kadis", "kapuas.pupr.staf"]:
        html = page(demo, username, report)
        assert "Dirahasiakan (anonim)" in html
        assert REPORTER_NAME not in html, username  # not in the timeline either
        assert "warga@demo" not in html


def test_anonymous_reporter_is_visible_to_the_coordinator_and_national_admin(demo):
    report = make_report(demo, S.DISPOSED)
    for username in ["kapuas.koordinator", "nasional"]:
        html = page(demo, username, report)
        assert REPORTER_NAME in html
        assert "Dirahasiakan (anonim)" not in html


def test_reporter_who_waived_anonymity_is_shown_to_the_agency(demo):
    report = actions.submit_report(
        report_input(demo, is_anonymous=False), actor=Actor.reporter(demo.users["warga"])
    ).report
    actions.verify_report(
        report, actor=Actor(user=demo.users["kapuas.koordinator"]), is_anonymous=False
    )
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        agencies=[demo.orgs["kapuas-pupr"]],
        lead=demo.orgs["kapuas-pupr"],
    )
    html = page(demo, "kapuas.pupr.penghubung", report)
    assert REPORTER_NAME in html


def test_clarification_answer_author_is_masked_for_agency_staff(demo):
    report = make_report(demo, S.AWAITING_CLARIFICATION)
    actions.clarify(
        report, actor=actions.Actor(user=demo.users["warga"]), answer="Depan rumah nomor 12"
    )
    html = page(demo, "kapuas.pupr.staf", report)
    assert "Depan rumah nomor 12" in html
    assert REPORTER_NAME not in html


# Asking the reporter's consent to lower a privacy choice: the coordinator and the
# national admin may, while the reporter's choice is on (these reports are anonim).
P = "request_privacy_change"


@pytest.mark.parametrize(
    ("status", "username", "expected"),
    [
        (S.SUBMITTED, "kapuas.koordinator", {"verify", "hold", "not_in_authority", "archive", P}),
        (S.VERIFIED, "kapuas.koordinator", {"dispose", "not_in_authority", "archive", P}),
        (S.DISPOSED, "kapuas.pupr.penghubung", {"accept", "return_disposition", "transfer"}),
        (S.DISPOSED, "kapuas.pupr.admin", {"accept", "return_disposition"}),
        (
            S.ACCEPTED,
            "kapuas.pupr.kadis",
            {"dispose_internally", "request_clarification", "submit_draft"},
        ),
        (
            S.IN_DIVISION,
            "kapuas.pupr.staf",
            {"request_clarification", "record_field_check", "submit_draft"},
        ),
        (S.DRAFT_REVIEW, "kapuas.pupr.penghubung", {"approve_draft", "return_draft"}),
        (S.DRAFT_APPROVED, "kapuas.pupr.admin", {"publish_followup"}),
        (S.FOLLOWED_UP, "kapuas.koordinator", {"close", P}),
        (S.CLOSED, "kapuas.koordinator", {"reopen", P}),
        (S.NOT_IN_AUTHORITY, "nasional", {"route_to_pemda", "forward_external", P}),
        (S.DISPOSED, "kapuas.koordinator", {"transfer", "forward_ombudsman", P}),
        (S.IN_DIVISION, "kapuas.kasi", set()),
        (S.DRAFT_REVIEW, "kapuas.pupr.staf", set()),
    ],
)
def test_only_available_actions_are_offered(demo, status, username, expected):
    report = make_report(demo, status)
    html = page(demo, username, report)
    assert offered(html) == expected
    if not expected:
        assert "Tidak ada tindakan yang dapat Anda lakukan" in html


def test_verify_form_is_preset_from_the_report(demo):
    report = actions.submit_report(
        report_input(demo, is_anonymous=False, is_confidential=True),
        actor=Actor.reporter(demo.users["warga"]),
    ).report
    html = page(demo, "kapuas.koordinator", report)
    anon = _match(r'<input[^>]*name="is_anonymous"[^>]*>', html, 0)
    conf = _match(r'<input[^>]*name="is_confidential"[^>]*>', html, 0)
    assert "checked" not in anon
    assert "checked" in conf


def test_dispose_form_preselects_the_category_route_and_lists_only_the_pemdas_agencies(demo):
    report = make_report(demo, S.VERIFIED)
    html = page(demo, "kapuas.koordinator", report)
    form = html[html.index('id="aksi-dispose"') :]
    form = form[: form.index("</details>")]
    pupr = demo.orgs["kapuas-pupr"].pk
    assert re.search(rf'<input[^>]*value="{pupr}"[^>]*checked', form)
    assert re.search(rf'<option value="{pupr}" selected>', form)
    assert "Dinas Pendidikan Kab. Kapuas" in form or "Disdik Kapuas" in form
    assert "Majalengka" not in form and "Bangkalan" not in form


def test_dispose_internally_offers_only_the_lead_agencys_divisions(demo):
    report = make_report(demo, S.ACCEPTED)
    html = page(demo, "kapuas.pupr.kadis", report)
    form = html[html.index('id="aksi-dispose_internally"') :]
    form = form[: form.index("</details>")]
    assert "Bidang Bina Marga" in form and "Bidang Cipta Karya" in form
    assert "Bidang Pendidikan Dasar" not in form


def test_approve_is_hidden_from_the_author_of_the_draft_with_a_reason(demo):
    report = make_report(demo, S.ACCEPTED)
    actions.submit_draft(
        report,
        actor=Actor(user=demo.users["kapuas.pupr.kadis"]),
        body="Jalan sudah kami perbaiki minggu ini.",
    )
    html = page(demo, "kapuas.pupr.kadis", report)
    assert "approve_draft" not in offered(html)
    assert "return_draft" in offered(html)
    assert "penyusunnya" in html
    assert "approve_draft" in offered(page(demo, "kapuas.pupr.penghubung", report))


def test_ping_pong_warning_after_two_returns(demo):
    report = disposed_to(demo, "kapuas-disdik")
    actions.return_disposition(
        report,
        actor=Actor(user=demo.users["kapuas.disdik.penghubung"]),
        reason="Bukan urusan sekolah",
    )
    assert "bolak-balik" not in page(demo, "kapuas.koordinator", report)
    actions.dispose_report(
        report,
        actor=Actor(user=demo.users["kapuas.koordinator"]),
        agencies=[demo.orgs["kapuas-pupr"]],
        lead=demo.orgs["kapuas-pupr"],
    )
    actions.return_disposition(
        report, actor=Actor(user=demo.users["kapuas.pupr.penghubung"]), reason="Jalan provinsi"
    )
    html = page(demo, "kapuas.koordinator", report)
    assert "bolak-balik" in html
    assert "Bukan urusan sekolah" in html and "Jalan provinsi" in html  # history kept
    assert "Dikembalikan (salah disposisi)" in html


def test_paused_clock_is_listed_while_waiting_for_clarification(demo):
    report = make_report(demo, S.AWAITING_CLARIFICATION)
    html = page(demo, "kapuas.pupr.kadis", report)
    paused = html[html.index("Dijeda</h3>") :]
    assert "saat dijeda" in paused
    assert "Di nomor rumah berapa tepatnya?" in html  # the question, in messages


def test_followups_show_state_author_and_reviewer(demo):
    report = make_report(demo, S.FOLLOWED_UP)
    html = page(demo, "kapuas.koordinator", report)
    assert "Disampaikan ke pelapor" in html
    assert "Rudi Staf Bidang Bina Marga" in html  # author
    assert "Ir. Hendra Kepala Dinas PUPR" in html  # reviewer
    assert "Yanti Admin Penghubung PUPR" in html  # publisher


def test_feedback_is_shown(demo):
    report = make_report(demo, S.CLOSED)
    html = page(demo, "kapuas.koordinator", report)
    assert "Puas (Y)" in html and "5/5" in html


def test_archive_reason_is_shown_in_words(demo):
    report = make_report(demo, S.ARCHIVED)
    assert "Duplikat laporan lain" in page(demo, "kapuas.koordinator", report)


def test_ombudsman_sees_forwarded_reports_only_and_cannot_act(demo):
    forwarded = make_report(demo, S.OMBUDSMAN)
    other = make_report(demo, S.ACCEPTED)
    html = page(demo, "ombudsman", forwarded)
    assert offered(html) == set()
    assert "Dirahasiakan (anonim)" in html
    client = client_for(demo.users["ombudsman"])
    assert client.get(report_url(other)).status_code == 404
    inbox = body(client.get("/petugas/"))
    assert forwarded.tracking_id in inbox and other.tracking_id not in inbox


def test_staff_navigation_links_inbox_intake_and_notifications(demo):
    report = make_report(demo, S.SUBMITTED)
    html = page(demo, "kapuas.koordinator", report)
    nav = html[html.index('class="site-nav"') : html.index("</nav>")]
    assert 'href="/petugas/"' in nav and 'href="/petugas/input/"' in nav
    assert "Notifikasi" in nav
    nav = page(demo, "kapuas.pupr.kadis", make_report(demo, S.ACCEPTED))
    nav = nav[nav.index('class="site-nav"') : nav.index("</nav>")]
    assert 'href="/petugas/input/"' not in nav


def test_note_fields_say_who_reads_them(demo):
    """The verify form says the reporter reads its note; the disposition form says its
    instructions stay between staff; the timeline then labels each note the same way."""

    report = make_report(demo, S.SUBMITTED)
    tree = lxml_html.fromstring(page(demo, "kapuas.koordinator", report))
    verify_help = tree.xpath(
        "string(//form[contains(@action,'/aksi/verify/')]//*[@id='id_verify_note_helptext'])"
    )
    assert "Pelapor membaca catatan ini" in verify_help
    actions.verify_report(
        report, actor=Actor(user=demo.users["kapuas.koordinator"]), note="Data sudah lengkap."
    )
    tree = lxml_html.fromstring(page(demo, "kapuas.koordinator", report))
    dispose_help = tree.xpath(
        "string(//form[contains(@action,'/aksi/dispose/')]//*[@id='id_dispose_instructions_helptext'])"
    )
    assert "pelapor dan publik tidak membacanya" in dispose_help
    timeline = tree.xpath("string(//section[@aria-labelledby='h-timeline'])")
    assert "Terlihat oleh: Pelapor dan petugas (pelaku" in " ".join(timeline.split())
