"""The public list never shows rahasia reports or anyone's identity."""

from __future__ import annotations

from tests.api.helpers import assert_error
from tests.reports.helpers import make_report, report_input
from tuntas.reports import actions
from tuntas.reports.actions import Actor
from tuntas.reports.models import Status


def public_report(demo):
    report = actions.submit_report(
        report_input(demo, is_confidential=False, is_anonymous=False),
        actor=Actor.reporter(demo.users["warga"]),
    ).report
    u, o = demo.users, demo.orgs
    actions.verify_report(
        report, actor=Actor(user=u["kapuas.koordinator"]), note="Catatan internal"
    )
    actions.dispose_report(
        report,
        actor=Actor(user=u["kapuas.koordinator"]),
        agencies=[o["kapuas-pupr"]],
        lead=o["kapuas-pupr"],
    )
    actions.accept_disposition(report, actor=Actor(user=u["kapuas.pupr.penghubung"]))
    actions.dispose_internally(
        report, actor=Actor(user=u["kapuas.pupr.kadis"]), division=o["kapuas-pupr-binamarga"]
    )
    actions.submit_draft(
        report,
        actor=Actor(user=u["kapuas.pupr.staf"]),
        body="Jalan sudah ditambal pada 20 November.",
    )
    actions.approve_draft(report, actor=Actor(user=u["kapuas.pupr.kadis"]))
    actions.publish_followup(report, actor=Actor(user=u["kapuas.pupr.admin"]))
    actions.reply_satisfied(report, actor=Actor(user=u["warga"]), rating=4, comment="Bagus")
    return report


def test_the_public_list_shows_open_reports_but_no_rahasia_and_no_new_ones(demo, anon):
    shown = public_report(demo)
    secret = make_report(demo, Status.CLOSED)  # rahasia by default
    new = actions.submit_report(
        report_input(demo, is_confidential=False), actor=Actor.reporter(demo.users["warga2"])
    ).report
    body = anon.get("/api/public/reports/").json()
    ids = [r["tracking_id"] for r in body["results"]]
    assert ids == [shown.tracking_id]
    assert secret.tracking_id not in ids and new.tracking_id not in ids
    text = str(body)
    assert "Siti" not in text and "warga" not in text and "reporter" not in text


def test_the_public_detail_shows_the_published_answer_without_names(demo, anon):
    report = public_report(demo)
    body = anon.get(f"/api/public/reports/{report.tracking_id}/").json()
    assert body["status"] == "closed"
    assert body["followups"][0]["body"] == "Jalan sudah ditambal pada 20 November."
    assert body["followups"][0]["author"] == ""
    assert {e["visibility"] for e in body["timeline"]} == {"public"}
    # Organisations only, the same wording as the public web page; never a person.
    assert {e["actor"] for e in body["timeline"]} <= {
        "Pelapor",
        "Petugas Kab. Kapuas",
        "Petugas Dinas PUPR Kapuas",
    }
    assert {e["reason"] for e in body["timeline"]} == {""}
    assert "Siti" not in str(body) and "Rudi" not in str(body)


def test_a_rahasia_report_is_404_on_the_public_side(demo, anon):
    report = make_report(demo, Status.CLOSED)
    assert_error(anon.get(f"/api/public/reports/{report.tracking_id}/"), 404, "report_not_found")


def test_the_public_list_filters_by_pemda_and_refuses_unknown_statuses(demo, anon):
    public_report(demo)
    assert anon.get("/api/public/reports/?pemda=majalengka").json()["count"] == 0
    assert anon.get("/api/public/reports/?pemda=kapuas&status=closed").json()["count"] == 1
    error = assert_error(anon.get("/api/public/reports/?status=submitted"), 400)
    assert list(error["fields"]) == ["status"]
