"""Fixtures for the outbox tests: a local HTTP receiver and channel settings."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class Receiver:
    """A local HTTP server that records each POST and answers with queued statuses
    (200 once the queue is empty)."""

    url: str
    requests: list[Received] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)

    def answer(self, *statuses: int) -> None:
        self.statuses.extend(statuses)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            state.requests.append(
                Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            status = state.statuses.pop(0) if state.statuses else 200
            payload = json.dumps({"ok": status < 300, "error": {"message": "nope"}}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def channels_on(settings, receiver: Receiver) -> Receiver:
    """WhatsApp and SMS configured, both pointing at the local receiver."""
    settings.TUNTAS_WHATSAPP_API_URL = f"{receiver.url}/wa/v21.0"
    settings.TUNTAS_WHATSAPP_PHONE_NUMBER_ID = "1055"
    settings.TUNTAS_WHATSAPP_TOKEN = "wa-secret"
    settings.TUNTAS_SMS_GATEWAY_URL = f"{receiver.url}/sms/send"
    settings.TUNTAS_SMS_GATEWAY_TOKEN = "sms-secret"
    settings.TUNTAS_SITE_URL = "https://lapor.example.go.id"
    return receiver


@pytest.fixture
def channels_off(settings) -> None:
    settings.TUNTAS_WHATSAPP_PHONE_NUMBER_ID = ""
    settings.TUNTAS_WHATSAPP_TOKEN = ""
    settings.TUNTAS_SMS_GATEWAY_URL = ""
