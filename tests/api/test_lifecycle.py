"""The whole life of a report, through the API only, each persona with its own token."""

from __future__ import annotations

from tuntas.audit.models import AuditEvent
from tuntas.reference.models import Category

ACTIONS = "/api/staff/reports/{tid}/actions/{action}/"


def act(client, tid, action, body=None, **kwargs):
    return client.post(ACTIONS.format(tid=tid, action=action), body or {}, **kwargs)


def test_it_walks_a_report_from_submission_to_closed(demo, anon, api_as):
    category = Category.objects.get(name="Jalan rusak")
    submitted = anon.post(
        "/api/reports/",
        {
            "title": "Jalan berlubang di depan SDN 1 Selat",
            "description": "Lubang besar di Jl. Tambun Bungai sejak dua minggu, "
            "membahayakan anak sekolah.",
            "classification": "complaint",
            "category": category.pk,
            "pemda": "kapuas",
            "region": "62.03.01",
            "reporter_name": "Siti",
            "reporter_phone": "081234567890",
        },
        format="json",
    )
    assert submitted.status_code == 201, submitted.content
    tid = submitted.json()["tracking_id"]
    code = submitted.json()["access_code"]
    assert submitted.json()["status"] == "submitted"

    coordinator = api_as("kapuas.koordinator")
    r = act(coordinator, tid, "verify", {"note": "Lengkap"}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "verified"
    assert {a["action"] for a in r.json()["available_actions"]} >= {"dispose", "archive"}

    r = act(
        coordinator,
        tid,
        "dispose",
        {"agencies": ["kapuas-pupr"], "lead": "kapuas-pupr", "instructions": "Segera cek."},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "disposed"
    assert r.json()["assignments"][0]["agency"]["code"] == "kapuas-pupr"

    r = act(api_as("kapuas.pupr.penghubung"), tid, "accept", format="json")
    assert r.json()["status"] == "accepted", r.content

    kadis = api_as("kapuas.pupr.kadis")
    r = act(
        kadis,
        tid,
        "dispose_internally",
        {"division": "kapuas-pupr-binamarga", "instructions": "Tambal minggu ini."},
        format="json",
    )
    assert r.json()["status"] == "in_division", r.content

    staff = api_as("kapuas.pupr.staf")
    listed = staff.get("/api/staff/reports/")
    assert tid in [row["tracking_id"] for row in listed.json()["results"]]
    r = act(
        staff,
        tid,
        "submit_draft",
        {"body": "Lubang sudah ditambal oleh tim Bina Marga pada 20 November."},
        format="json",
    )
    assert r.json()["status"] == "draft_review", r.content

    r = act(kadis, tid, "approve_draft", {"note": "Setuju."}, format="json")
    assert r.json()["status"] == "draft_approved", r.content

    r = act(api_as("kapuas.pupr.admin"), tid, "publish_followup", format="json")
    assert r.json()["status"] == "followed_up", r.content

    mine = anon.get(f"/api/reports/{tid}/", HTTP_X_ACCESS_CODE=code)
    assert mine.status_code == 200
    assert mine.json()["followups"][0]["body"].startswith("Lubang sudah ditambal")
    assert {a["action"] for a in mine.json()["available_actions"]} == {
        "reply_satisfied",
        "reply_not_satisfied",
    }

    reply = anon.post(
        f"/api/reports/{tid}/reply/",
        {"satisfied": True, "rating": 5, "comment": "Terima kasih."},
        format="json",
        HTTP_X_ACCESS_CODE=code,
    )
    assert reply.status_code == 200, reply.content
    assert reply.json()["status"] == "closed"
    assert reply.json()["feedback"][0]["rating"] == 5

    final = coordinator.get(f"/api/staff/reports/{tid}/")
    assert final.json()["status"] == "closed"
    assert final.json()["available_actions"] == [
        {
            "action": "reopen",
            "label": "Buka kembali",
            "url": ACTIONS.format(tid=tid, action="reopen"),
        },
        {
            # The report stayed anonim and rahasia: lowering that is the reporter's choice.
            "action": "request_privacy_change",
            "label": "Minta persetujuan pelapor untuk mengubah privasi",
            "url": ACTIONS.format(tid=tid, action="request_privacy_change"),
        },
    ]
    actions = list(
        AuditEvent.objects.filter(report__tracking_id=tid).values_list("action", flat=True)
    )
    assert actions == [
        "submit",
        "verify",
        "dispose",
        "accept",
        "dispose_internally",
        "submit_draft",
        "approve_draft",
        "publish_followup",
        "reply_satisfied",
    ]


def test_a_signed_in_citizen_follows_their_report_with_their_token(demo, api_as):
    warga = api_as("warga")
    r = warga.post(
        "/api/reports/",
        {
            "title": "Lampu jalan mati",
            "description": "Lampu jalan di Jl. Pemuda mati sejak seminggu, gelap sekali.",
            "classification": "complaint",
            "pemda": "kapuas",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    tid = r.json()["tracking_id"]
    mine = warga.get("/api/reports/mine/")
    assert [row["tracking_id"] for row in mine.json()["results"]] == [tid]
    detail = warga.get(f"/api/reports/{tid}/")
    assert detail.status_code == 200
    assert detail.json()["reporter"]["name"] == "Siti Rahmawati"
    assert detail.json()["channel"]["code"] == "api"
