"""The staff view: one selector, a fixed number of queries, every decision taken once."""

from __future__ import annotations

import io
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from tests.conftest import client_for
from tests.reports.helpers import make_report
from tests.staff.helpers import report_url
from tuntas.accounts.models import User
from tuntas.audit.models import IdentitySurface
from tuntas.demo.builder import Demo
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.disclosure import Audience, outside_timeline
from tuntas.reports.models import Report, Status
from tuntas.reports.staff_view import StaffView, staff_view
from tuntas.reports.transitions import Action
from tuntas.reports.uploads import CheckedFile

REPORTER_NAME = "Siti Rahmawati"


def png(name: str) -> CheckedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 120, 30)).save(out, format="PNG")
    return CheckedFile(content_type="image/png", content=out.getvalue())


def view_for(demo: Demo, username: str, report: Report) -> StaffView:
    # A fresh user each time: a person's memberships are cached on the instance.
    return staff_view(
        User.objects.get(username=username),
        report,
        now=timezone.now(),
        surface=IdentitySurface.PAGE,
    )


def queries(demo: Demo, username: str, report: Report) -> int:
    with CaptureQueriesContext(connection) as captured:
        view_for(demo, username, report)
    return len(captured)


def grow(demo: Demo, report: Report, n: int) -> None:
    """Add ``n`` rounds of history: a question and its answer, a field check with a
    photo, a reporter's message, a draft returned with a file."""
    u = demo.users
    for i in range(n):
        actions.request_clarification(
            report, actor=Actor(user=u["kapuas.pupr.staf"]), question=f"Nomor {i}?"
        )
        actions.clarify(
            report, actor=Actor(user=u["warga"]), answer=f"Nomor {i}", attachments=[png("a.png")]
        )
        actions.record_field_check(
            report,
            actor=Actor(user=u["kapuas.pupr.staf"]),
            visited_on=timezone.localdate() - timedelta(days=1),
            location="Jl. Tambun Bungai",
            findings="Lubang",
            conclusion="Tambal",
            ba_number=f"BA/{i}",
            photos=[png("lokasi.png")],
        )
        actions.post_reporter_message(report, actor=Actor(user=u["warga"]), text=f"Pesan {i}")
        actions.submit_draft(
            report,
            actor=Actor(user=u["kapuas.pupr.staf"]),
            body=f"Rumusan tindak lanjut nomor {i} untuk pelapor",
            attachments=[png("b.png")],
        )
        actions.return_draft(report, actor=Actor(user=u["kapuas.pupr.kadis"]), note="Perbaiki")


def test_it_reads_a_fixed_number_of_queries_however_long_the_history(demo: Demo) -> None:
    report = make_report(demo, Status.IN_DIVISION)
    for username in ("kapuas.koordinator", "kapuas.pupr.kadis"):
        view_for(demo, username, report)  # warm the per-process calendar cache
        before = queries(demo, username, report)
        grow(demo, report, 1)
        after_one = queries(demo, username, report)
        grow(demo, report, 3)
        after_four = queries(demo, username, report)
        assert before <= after_one == after_four, (username, before, after_one, after_four)
    view = view_for(demo, "kapuas.pupr.kadis", report)
    assert len(view.field_checks) == 8 and all(len(c.attachments) == 1 for c in view.field_checks)
    assert len(view.followups) == 8 and all(len(f.attachments) == 1 for f in view.followups)
    assert after_four < 25


def test_the_anonim_reporters_own_messages_do_not_name_them_to_the_agency(demo: Demo) -> None:
    report = make_report(demo, Status.IN_DIVISION)
    assert report.is_anonymous
    actions.post_reporter_message(
        report, actor=Actor(user=demo.users["warga"]), text="Lubangnya makin besar."
    )
    agency = view_for(demo, "kapuas.pupr.kadis", report)
    assert [(m.kind, m.author) for m in agency.messages] == [("reply", "Pelapor")]
    assert not agency.identity.shown and agency.identity.name == ""
    assert REPORTER_NAME not in str(agency)
    staff_page = client_for(demo.users["kapuas.pupr.kadis"]).get(report_url(report))
    assert REPORTER_NAME not in staff_page.content.decode()
    coordinator = view_for(demo, "kapuas.koordinator", report)
    assert [m.author for m in coordinator.messages] == [REPORTER_NAME]
    assert coordinator.identity.shown and coordinator.identity.name == REPORTER_NAME


def test_identity_says_why_it_is_shown_or_hidden(demo: Demo) -> None:
    report = make_report(demo, Status.IN_DIVISION)
    assert view_for(demo, "kapuas.pupr.kadis", report).identity.reason == (
        "Pelapor meminta anonim: identitasnya disembunyikan dari OPD dan publik."
    )
    assert view_for(demo, "kapuas.koordinator", report).identity.reason.startswith(
        "Laporan anonim: identitas hanya untuk admin koordinator"
    )
    Report.objects.filter(pk=report.pk).update(is_anonymous=False)
    assert view_for(demo, "kapuas.pupr.kadis", report).identity.shown
    ombudsman = view_for(demo, "ombudsman", make_report(demo, Status.OMBUDSMAN))
    assert not ombudsman.identity.shown


def test_each_event_says_who_else_reads_it_and_its_note(demo: Demo) -> None:
    """The label tells the truth: a disposition is public but its instructions are between
    staff; the verification note goes to the reporter, never to the public."""
    u, o = demo.users, demo.orgs
    report = make_report(demo, Status.SUBMITTED)
    Report.objects.filter(pk=report.pk).update(is_confidential=False)
    report.refresh_from_db()
    actions.verify_report(
        report, actor=Actor(user=u["kapuas.koordinator"]), note="Data Anda sudah lengkap."
    )
    actions.dispose_report(
        report,
        actor=Actor(user=u["kapuas.koordinator"]),
        agencies=[o["kapuas-pupr"]],
        lead=o["kapuas-pupr"],
        instructions="Segera dicek.",
    )
    actions.accept_disposition(report, actor=Actor(user=u["kapuas.pupr.penghubung"]))
    actions.dispose_internally(
        report, actor=Actor(user=u["kapuas.pupr.kadis"]), division=o["kapuas-pupr-binamarga"]
    )
    timeline = {e.action: e for e in view_for(demo, "kapuas.koordinator", report).timeline}
    dispose = timeline[Action.DISPOSE]
    assert (dispose.actor, dispose.reason, dispose.reason_internal) == (
        "Dewi Admin Utama Kapuas",
        "Segera dicek.",
        True,
    )
    assert dispose.seen_by == "Publik, pelapor dan petugas; catatannya hanya petugas"
    assert dispose.outside_actor == "Petugas Kab. Kapuas"
    verify = timeline[Action.VERIFY]
    assert verify.seen_by == "Publik, pelapor dan petugas; catatannya hanya pelapor dan petugas"
    assert timeline[Action.ACCEPT].seen_by == "Publik, pelapor dan petugas"
    internal = timeline[Action.DISPOSE_INTERNALLY]
    assert (internal.seen_by, internal.outside_actor) == ("Hanya petugas", "")
    assert timeline[Action.SUBMIT].actor == REPORTER_NAME
    assert view_for(demo, "kapuas.pupr.kadis", report).timeline[0].actor == "Pelapor"

    # What the label promises is what each audience reads.
    reporter = {e.action: e for e in outside_timeline(report, Audience.REPORTER)}
    public = {e.action: e for e in outside_timeline(report, Audience.PUBLIC)}
    assert reporter[Action.VERIFY].reason == "Data Anda sudah lengkap."
    assert public[Action.VERIFY].reason == "" and reporter[Action.DISPOSE].reason == ""
    assert Action.DISPOSE_INTERNALLY not in reporter

    # Rahasia: the public opens nothing, so nothing is "public".
    Report.objects.filter(pk=report.pk).update(is_confidential=True)
    report.refresh_from_db()
    timeline = {e.action: e for e in view_for(demo, "kapuas.koordinator", report).timeline}
    assert timeline[Action.DISPOSE].seen_by == "Pelapor dan petugas; catatannya hanya petugas"
    assert timeline[Action.VERIFY].seen_by == "Pelapor dan petugas"
    assert timeline[Action.ACCEPT].seen_by == "Pelapor dan petugas"


def test_approving_ones_own_draft_is_withheld_on_the_page_and_in_the_api(demo: Demo) -> None:
    report = make_report(demo, Status.ACCEPTED)
    actions.submit_draft(
        report,
        actor=Actor(user=demo.users["kapuas.pupr.kadis"]),
        body="Jalan sudah kami perbaiki minggu ini.",
    )
    author = view_for(demo, "kapuas.pupr.kadis", report)
    assert author.own_draft_blocked and not author.may(Action.APPROVE_DRAFT)
    assert author.may(Action.RETURN_DRAFT)
    assert author.current_draft_id is not None
    other = view_for(demo, "kapuas.pupr.penghubung", report)
    assert other.may(Action.APPROVE_DRAFT) and not other.own_draft_blocked
