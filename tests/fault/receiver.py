"""A local SMS gateway for the fault test (no Django, no tuntas imports).

It takes what the SMS channel sends (POST JSON ``{to, message, reference}`` with an
``Idempotency-Key`` header), keeps the first request of every key and drops a repeat as a
real gateway would (answering 200 all the same), after a short delay.

The harness can *hold* a request: the next one to arrive is kept waiting for its answer
until the harness releases it. That is how the test kills a worker at a moment when it
certainly has a delivery in flight: the gateway has the message, the worker has not yet
heard so, and has not recorded it as sent.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# A held request is answered after this long even if nobody releases it.
MAX_HOLD_SECONDS = 5.0


@dataclass
class Hold:
    """The next request to arrive, kept waiting; ``port`` and ``key`` once it has come."""

    taken: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)
    port: int = 0
    key: str = ""

    def release(self) -> None:
        self.released.set()


class GatewayReceiver:
    """Start with ``start()`` (returns the URL to POST to), stop with ``stop()``."""

    def __init__(self, delay: tuple[float, float] = (0.02, 0.04)) -> None:
        self.delay = delay
        self.port = 0
        self._lock = threading.Lock()
        self._first_seen: dict[str, float] = {}
        self._repeats: Counter[str] = Counter()
        self._rejected: list[str] = []
        self._hold: Hold | None = None
        self._server: ThreadingHTTPServer | None = None

    # -- what the test reads ---------------------------------------------------------
    def distinct(self) -> int:
        with self._lock:
            return len(self._first_seen)

    def keys(self) -> set[str]:
        with self._lock:
            return set(self._first_seen)

    def repeats(self) -> Counter[str]:
        """Keys received more than once, with how many repeats were dropped."""
        with self._lock:
            return Counter(self._repeats)

    def rejected(self) -> list[str]:
        """Why malformed requests (no key, key and reference differ, bad JSON) were refused."""
        with self._lock:
            return list(self._rejected)

    # -- holding a request -------------------------------------------------------------
    def hold_next(self) -> Hold:
        """Keep the next request waiting until ``release()`` (or ``MAX_HOLD_SECONDS``)."""
        hold = Hold()
        with self._lock:
            if self._hold is not None:
                self._hold.release()
            self._hold = hold
        return hold

    def cancel(self, hold: Hold) -> None:
        """Stop waiting for a request to hold; one already held is answered now."""
        with self._lock:
            if self._hold is hold:
                self._hold = None
        hold.release()

    def _take_hold(self, port: int, key: str) -> Hold | None:
        with self._lock:
            hold, self._hold = self._hold, None
        if hold is not None:
            hold.port, hold.key = port, key
            hold.taken.set()
        return hold

    # -- what the handler calls ------------------------------------------------------
    def accept(self, key: str, body: bytes) -> str | None:
        """Check one request; the reason it is refused, or None when it is well formed."""
        if not key:
            return "no Idempotency-Key header"
        try:
            payload = json.loads(body)
        except ValueError:
            return f"{key}: body is not JSON"
        if not isinstance(payload, dict) or payload.get("reference") != key:
            return f"{key}: reference in the body differs from the Idempotency-Key"
        if not payload.get("to") or not payload.get("message"):
            return f"{key}: no recipient or no text"
        return None

    def record(self, key: str) -> bool:
        """Remember ``key``; False when it was seen before (a repeat, dropped)."""
        with self._lock:
            if key in self._first_seen:
                self._repeats[key] += 1
                return False
            self._first_seen[key] = time.monotonic()
            return True

    def reject(self, reason: str) -> None:
        with self._lock:
            self._rejected.append(reason)

    def wait_before_answering(self, port: int, key: str) -> None:
        hold = self._take_hold(port, key)
        if hold is None:
            time.sleep(random.uniform(*self.delay))
        else:
            hold.released.wait(MAX_HOLD_SECONDS)

    # -- server ----------------------------------------------------------------------
    def start(self, host: str = "127.0.0.1") -> str:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                key = self.headers.get("Idempotency-Key", "")
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                problem = receiver.accept(key, body)
                if problem is not None:
                    receiver.reject(problem)
                    self._answer(400, {"ok": False, "error": problem})
                    return
                # The gateway has the message once it has the request: a client killed
                # while waiting for the answer has still sent it.
                new = receiver.record(key)
                receiver.wait_before_answering(self.client_address[1], key)
                self._answer(200, {"ok": True, "duplicate": not new})

            def _answer(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client was killed while waiting: nothing to answer

            def log_message(self, format: str, *args: Any) -> None:
                return

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 128

            def handle_error(self, request: Any, client_address: Any) -> None:
                return  # a client killed mid-request is expected here

        self._server = Server((host, 0), Handler)
        threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="sms-receiver", daemon=True
        ).start()
        self.port = int(self._server.server_address[1])
        return f"http://{host}:{self.port}/sms/send"

    def stop(self) -> None:
        with self._lock:
            if self._hold is not None:
                self._hold.release()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
