"""Fixtures for the webhook tests: subscriptions, a local receiver, the deployment flags."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tuntas.demo.builder import Demo
from tuntas.outbox.models import DeliveryChannel, OutboxMessage
from tuntas.webhooks.models import EventType, WebhookSubscription

WIB = ZoneInfo("Asia/Jakarta")
START = datetime(2026, 3, 12, 10, 0, tzinfo=WIB)
ALL_EVENTS = list(EventType.values)

MakeSubscription = Callable[..., WebhookSubscription]


@pytest.fixture
def local_targets(settings: Any) -> None:
    """The embedded/test setup: http:// and local addresses allowed."""
    settings.TUNTAS_WEBHOOKS_ALLOW_HTTP = True
    settings.TUNTAS_WEBHOOKS_ALLOW_PRIVATE = True


@pytest.fixture
def production_targets(settings: Any) -> None:
    settings.TUNTAS_WEBHOOKS_ALLOW_HTTP = False
    settings.TUNTAS_WEBHOOKS_ALLOW_PRIVATE = False


@pytest.fixture
def subscribe(demo: Demo) -> MakeSubscription:
    """``subscribe("kapuas", events=[...], url=...)``: an active subscription, written
    directly (the service has its own tests)."""

    def make(
        org: str = "kapuas",
        *,
        events: list[str] | None = None,
        url: str = "https://hooks.example.org/tuntas",
        is_active: bool = True,
        secret: str = "whsec_test-secret",  # noqa: S107 - a test fixture value
    ) -> WebhookSubscription:
        now = timezone.now()
        return WebhookSubscription.objects.create(
            organisation=demo.orgs[org],
            url=url,
            secret=secret,
            events=ALL_EVENTS if events is None else events,
            is_active=is_active,
            created_at=now,
            updated_at=now,
        )

    return make


def webhook_rows(**filters: Any) -> list[OutboxMessage]:
    return list(
        OutboxMessage.objects.filter(channel=DeliveryChannel.WEBHOOK, **filters).order_by("id")
    )


def payloads(
    event: str | None = None, sub: WebhookSubscription | None = None
) -> list[dict[str, Any]]:
    filters: dict[str, Any] = {}
    if event is not None:
        filters["event"] = event
    if sub is not None:
        filters["address__startswith"] = f"{sub.pk} "
    return [json.loads(m.body) for m in webhook_rows(**filters)]


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    raw: bytes


@dataclass
class Receiver:
    """A local HTTP server recording each POST (raw body) and answering with queued
    statuses (200 once the queue is empty)."""

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
            raw = self.rfile.read(length)
            state.requests.append(
                Received(self.path, {k.lower(): v for k, v in self.headers.items()}, raw)
            )
            status = state.statuses.pop(0) if state.statuses else 200
            answer = json.dumps({"ok": status < 300}).encode()
            self.send_response(status)
            if status in (301, 302, 307, 308):
                self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
