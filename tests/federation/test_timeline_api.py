"""Reading the federated timeline, and forwarding through the staff API."""

from __future__ import annotations

import json

from django.test import Client

from tests.federation.conftest import PeerWithKey, forwarded_payload, make_peer
from tests.federation.test_forward import not_in_authority
from tests.federation.test_receive_api import post
from tuntas.accounts.models import User
from tuntas.demo.builder import Demo
from tuntas.reports.models import Report, Status


def token_client(user: User) -> Client:
    from tuntas.accounts.tokens import issue_api_token

    _token, key = issue_api_token(user)
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def test_staff_and_the_peer_read_the_same_timeline(demo: Demo, peer: PeerWithKey) -> None:
    tracking_id = post(peer.client(), forwarded_payload()).json()["tracking_id"]
    path = f"/api/federation/staff/reports/{tracking_id}/timeline/"

    staff = token_client(demo.users["kapuas.koordinator"]).get(path)
    machine = peer.client().get(f"/api/federation/reports/{tracking_id}/timeline/")

    assert staff.status_code == 200 and machine.status_code == 200
    assert staff.json() == machine.json()
    body = staff.json()
    assert body["instance"] == "Tuntas"
    assert body["links"][0]["remote_tracking_id"] == "LPR-2611-ORIGIN"
    assert [e["instance"] for e in body["timeline"]] == [
        "Tuntas Kab. Majalengka",
        "Tuntas Kab. Majalengka",
        "Tuntas",
    ]
    times = [e["at"] for e in body["timeline"]]
    assert times == sorted(times)


def test_timelines_are_scoped(demo: Demo, peer: PeerWithKey) -> None:
    tracking_id = post(peer.client(), forwarded_payload()).json()["tracking_id"]
    other_peer = make_peer(demo, name="Tuntas Provinsi")
    outsider = token_client(demo.users["bangkalan.koordinator"])
    assert outsider.get(f"/api/federation/staff/reports/{tracking_id}/timeline/").status_code == 404
    assert (
        other_peer.client().get(f"/api/federation/reports/{tracking_id}/timeline/").status_code
        == 404
    )
    assert Client().get(f"/api/federation/staff/reports/{tracking_id}/timeline/").status_code == 401


def test_forward_api_checks_access_and_input(demo: Demo, peer: PeerWithKey) -> None:
    report = not_in_authority(demo)
    path = f"/api/federation/staff/reports/{report.tracking_id}/forward/"

    def forward(user: str, body: object) -> int:
        client = token_client(demo.users[user])
        answer = client.post(path, json.dumps(body), content_type="application/json")
        return answer.status_code

    assert forward("kapuas.pupr.admin", {"peer": peer.peer.pk}) == 404  # not in their scope
    assert forward("bangkalan.koordinator", {"peer": peer.peer.pk}) == 404
    assert forward("kapuas.koordinator", {"peer": "satu"}) == 400
    assert forward("kapuas.koordinator", {"peer": 999}) == 400
    assert Report.objects.get(pk=report.pk).status == Status.NOT_IN_AUTHORITY
    assert forward("kapuas.koordinator", {"peer": peer.peer.pk, "note": "Pusat"}) == 200
    assert Report.objects.get(pk=report.pk).status == Status.FORWARDED
    assert forward("kapuas.koordinator", {"peer": peer.peer.pk}) == 409
