"""B's side: a peer forwards a report to ``/api/federation/reports/``."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from tests.federation.conftest import PeerWithKey, forwarded_payload, make_peer
from tuntas.apikeys.models import Scope
from tuntas.apikeys.services import issue_api_key, revoke_api_key
from tuntas.audit.models import AuditEvent
from tuntas.demo.builder import Demo
from tuntas.federation.models import Direction, ForwardedReport
from tuntas.federation.timeline import federated_timeline
from tuntas.reports.models import Report, Status

URL = "/api/federation/reports/"


def post(client: Client, body: dict[str, Any], key: str = "k-1") -> Any:
    return client.post(
        URL, data=json.dumps(body), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )


def test_it_creates_the_report_awaiting_verification_with_the_origin_timeline(
    peer: PeerWithKey, demo: Demo
) -> None:
    answer = post(peer.client(), forwarded_payload())

    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["created"] is True
    report = Report.objects.get(tracking_id=body["tracking_id"])
    assert report.status == Status.SUBMITTED
    assert report.pemda == demo.orgs["kapuas"]
    assert report.channel.code == "federasi"
    assert report.category is not None and report.category.name == "Jalan rusak"
    assert str(report.latitude) == "-6.765432"
    assert report.is_anonymous and report.is_confidential
    assert report.reporter_name == "" and report.reporter_email == ""
    link = ForwardedReport.objects.get(report=report)
    assert link.direction == Direction.INCOMING
    assert link.remote_tracking_id == "LPR-2611-ORIGIN"
    assert link.attachments[0]["name"] == "foto.jpg"
    timeline = federated_timeline(report)
    assert [(e.instance, e.action) for e in timeline] == [
        ("Tuntas Kab. Majalengka", "submit"),
        ("Tuntas Kab. Majalengka", "not_in_authority"),
        ("Tuntas", "receive_forwarded"),
    ]
    assert timeline[1].who == "Petugas Pemerintah Kabupaten Majalengka"
    assert timeline[1].reason == "Jalan nasional"
    assert "Diteruskan dari Tuntas Kab. Majalengka" in timeline[2].reason
    # The copied events are kept apart from this deployment's own.
    copied = AuditEvent.objects.filter(report=report, federated__isnull=False)
    assert copied.count() == 2
    assert all(e.data["capacity"] == "federation" for e in copied)
    assert copied[0].actor_label.endswith("di Tuntas Kab. Majalengka")


def test_identity_is_kept_for_a_report_that_is_not_anonim(peer: PeerWithKey) -> None:
    body = forwarded_payload(
        reporter={"name": "Siti", "phone": "081234567890", "email": "siti@example.id"}
    )
    body["report"]["is_anonymous"] = False
    answer = post(peer.client(), body)
    report = Report.objects.get(tracking_id=answer.json()["tracking_id"])
    assert (report.reporter_name, report.reporter_email) == ("Siti", "siti@example.id")


def test_identity_sent_for_an_anonim_report_is_dropped(peer: PeerWithKey) -> None:
    body = forwarded_payload(reporter={"name": "Siti", "phone": "", "email": "siti@example.id"})
    answer = post(peer.client(), body)
    report = Report.objects.get(tracking_id=answer.json()["tracking_id"])
    assert report.reporter_name == "" and report.reporter_email == ""


def test_a_repeat_returns_the_same_report(peer: PeerWithKey) -> None:
    first = post(peer.client(), forwarded_payload(), key="same")
    again = post(peer.client(), forwarded_payload(), key="same")
    other_key = post(peer.client(), forwarded_payload(), key="another")

    assert again.status_code == 200
    assert again.json()["created"] is False
    assert again.json()["tracking_id"] == first.json()["tracking_id"]
    assert other_key.json()["tracking_id"] == first.json()["tracking_id"]
    assert Report.objects.count() == 1
    assert AuditEvent.objects.filter(report__isnull=False).count() == 3


def test_it_checks_the_key(peer: PeerWithKey, demo: Demo) -> None:
    before = Report.objects.count()
    no_key = Client().post(URL, data="{}", content_type="application/json")
    wrong = Client(HTTP_AUTHORIZATION="Api-Key tnt_nokey123_" + "z" * 40).post(
        URL, data=json.dumps(forwarded_payload()), content_type="application/json"
    )
    _key, other_secret = issue_api_key(
        actor=None, organisation=demo.orgs["kapuas"], name="Chatbot", scopes=[Scope.FEDERATION]
    )
    not_a_peer = post(Client(HTTP_AUTHORIZATION=f"Api-Key {other_secret}"), forwarded_payload())
    _key2, read_secret = issue_api_key(
        actor=None, organisation=demo.orgs["kapuas"], name="Dasbor", scopes=[Scope.REPORTS_READ]
    )
    wrong_scope = post(Client(HTTP_AUTHORIZATION=f"Api-Key {read_secret}"), forwarded_payload())

    assert no_key.status_code == 401
    assert wrong.status_code == 403
    assert not_a_peer.status_code == 403
    assert not_a_peer.json()["error"]["code"] == "not_a_peer"
    assert wrong_scope.status_code == 403
    assert Report.objects.count() == before


def test_a_revoked_key_or_inactive_peer_is_refused(peer: PeerWithKey) -> None:
    assert peer.peer.inbound_key is not None
    peer.peer.is_active = False
    peer.peer.save()
    assert post(peer.client(), forwarded_payload()).status_code == 403
    peer.peer.is_active = True
    peer.peer.save()
    revoke_api_key(actor=None, key=peer.peer.inbound_key, reason="Bocor")
    assert post(peer.client(), forwarded_payload()).status_code == 403
    assert Report.objects.count() == 0


def test_bad_input_is_refused_and_changes_nothing(peer: PeerWithKey) -> None:
    short = forwarded_payload()
    short["report"]["description"] = "Terlalu pendek"
    cases = [
        {"version": 1},
        forwarded_payload(version=2),
        forwarded_payload(timeline=[{"id": "1"}]),
        forwarded_payload(origin={"instance": "A", "tracking_id": "../../keys"}),
        short,
    ]
    for body in cases:
        answer = post(peer.client(), body, key="")
        assert answer.status_code == 400, body
        assert answer.json()["error"]["fields"]
    not_json = peer.client().post(URL, data="{nope", content_type="application/json")
    assert not_json.status_code == 400
    assert Report.objects.count() == 0
    assert ForwardedReport.objects.count() == 0


def test_a_peer_mapped_to_another_pemda_delivers_there(demo: Demo) -> None:
    other = make_peer(demo, name="Tuntas Provinsi", pemda="bangkalan")
    answer = post(other.client(), forwarded_payload())
    report = Report.objects.get(tracking_id=answer.json()["tracking_id"])
    assert report.pemda == demo.orgs["bangkalan"]


def test_a_simultaneous_repeat_is_asked_to_retry(peer: PeerWithKey, monkeypatch: Any) -> None:
    from django.db import IntegrityError

    from tuntas.federation import api

    def racing(*args: Any, **kwargs: Any) -> None:
        raise IntegrityError("federation_unique_idempotency_key")

    monkeypatch.setattr(api, "receive_report", racing)
    answer = post(peer.client(), forwarded_payload())
    assert answer.status_code == 409  # the outbox retries a 409
    assert answer.json()["error"]["code"] == "in_progress"
