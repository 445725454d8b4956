"""FederationTransport against a real local HTTP server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.federation.conftest import PeerWithKey
from tests.federation.test_forward import not_in_authority
from tuntas.demo.builder import Demo
from tuntas.federation.actions import forward_to_peer
from tuntas.federation.models import ForwardedReport
from tuntas.outbox.channels import TransportError, transport_for
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.reports.actions import Actor


class Server:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = 201
        self.answer: dict[str, Any] = {"tracking_id": "LPR-2611-REMOTE", "status": "submitted"}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                outer.requests.append(
                    {
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": json.loads(self.rfile.read(length)),
                    }
                )
                data = json.dumps(outer.answer).encode()
                self.send_response(outer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    thread = threading.Thread(target=s.httpd.serve_forever, daemon=True)
    thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


def forward(demo: Demo, peer: PeerWithKey, server: Server) -> OutboxMessage:
    peer.peer.base_url = server.url
    peer.peer.save()
    report = not_in_authority(demo)
    forward_to_peer(report, actor=Actor(user=demo.users["kapuas.koordinator"]), peer=peer.peer)
    return OutboxMessage.objects.get(report=report, channel=DeliveryChannel.FEDERATION)


def test_it_posts_with_the_peer_key_and_records_the_answer(
    demo: Demo, peer: PeerWithKey, server: Server
) -> None:
    message = forward(demo, peer, server)

    transport_for(DeliveryChannel.FEDERATION).send(message)

    [request] = server.requests
    assert request["path"] == "/api/federation/reports/"
    assert request["headers"]["Authorization"] == f"Api-Key {peer.peer.outbound_key}"
    assert request["headers"]["Idempotency-Key"] == message.idempotency_key
    assert message.report is not None
    assert request["body"]["origin"]["tracking_id"] == message.report.tracking_id
    link = ForwardedReport.objects.get(report=message.report)
    assert (link.remote_tracking_id, link.remote_status) == ("LPR-2611-REMOTE", "submitted")


@pytest.mark.parametrize(
    ("status", "permanent"), [(500, False), (503, False), (429, False), (400, True), (403, True)]
)
def test_failures_are_retried_or_permanent(
    demo: Demo, peer: PeerWithKey, server: Server, status: int, permanent: bool
) -> None:
    message = forward(demo, peer, server)
    server.status = status
    with pytest.raises(TransportError) as failed:
        transport_for(DeliveryChannel.FEDERATION).send(message)
    assert failed.value.permanent is permanent
    assert ForwardedReport.objects.get(report=message.report).remote_tracking_id == ""


def test_unreachable_peer_is_retried_and_removed_peer_is_permanent(
    demo: Demo, peer: PeerWithKey, server: Server
) -> None:
    message = forward(demo, peer, server)
    server.httpd.server_close()
    peer.peer.base_url = "http://127.0.0.1:9"
    peer.peer.save()
    with pytest.raises(TransportError) as failed:
        transport_for(DeliveryChannel.FEDERATION).send(message)
    assert failed.value.permanent is False
    peer.peer.is_active = False
    peer.peer.save()
    with pytest.raises(TransportError) as gone:
        transport_for(DeliveryChannel.FEDERATION).send(message)
    assert gone.value.permanent is True
