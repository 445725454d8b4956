"""Done when: a report forwarded between two running instances shows the same timeline
on both (issue 4).

Two real Tuntas deployments run as subprocesses (``manage.py runserver``), each with its
own SQLite file and its own federation name: A = the regency of Majalengka, B = the
national deployment (where the report lands in Kab. Kapuas). Everything is driven over
HTTP, as staff and machines would: a citizen submits on A, A's coordinator marks it not
in A's authority and forwards it to B; A's outbox delivers it; B's staff verify, dispose
and accept it; B's outbox sends the status back. Then both federated timelines are read
over HTTP and must be equal entry by entry (see ``tuntas.federation.timeline``).

The instances use SQLite files whatever database the suite itself runs on.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.error import HTTPError

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "tuntas-demo"
START_TIMEOUT = 60.0
PEER_ID = 1  # each deployment registers exactly one peer in its fresh database


def finish(process: subprocess.Popen[str], args: tuple[str, ...]) -> str:
    """Wait for a management command; its stdout, or fail with its stderr."""
    try:
        out, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    assert process.returncode == 0, f"{args}: {err[-2000:]}"
    return out


def both(a: tuple[Instance, tuple[str, ...]], b: tuple[Instance, tuple[str, ...]]) -> list[str]:
    """Run one management command on each instance at the same time."""
    running = [(instance.spawn(*args), args) for instance, args in (a, b)]
    return [finish(process, args) for process, args in running]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Instance:
    name: str
    db: Path
    port: int
    media: Path
    process: subprocess.Popen[bytes] | None = None
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TUNTAS_", "DJANGO_"))}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "tuntas.settings",
                "TUNTAS_DEBUG": "true",
                # Demo deployments: the personas sign in with the password alone.
                "TUNTAS_2FA_DEMO_RELAXED": "true",
                "TUNTAS_DATABASE": "sqlite",
                "TUNTAS_SQLITE_PATH": str(self.db),
                "TUNTAS_MEDIA_ROOT": str(self.media),
                "TUNTAS_BROKER_URL": "memory://",
                "TUNTAS_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
                "TUNTAS_ALLOWED_HOSTS": "127.0.0.1,localhost",
                "TUNTAS_SITE_URL": self.url,
                "TUNTAS_FEDERATION_NAME": self.name,
                "TUNTAS_LOG_LEVEL": "WARNING",
                "PYTHONDONTWRITEBYTECODE": "1",
            }
        )
        return env

    def spawn(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def manage(self, *args: str) -> str:
        return finish(self.spawn(*args), args)

    def start(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process is not None and self.process.poll() is None, "server died"
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"{self.name} did not start within {START_TIMEOUT} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        user: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        all_headers = {"Accept": "application/json", **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        if user is not None:
            all_headers["Authorization"] = f"Token {self.token(user)}"
        request = urllib.request.Request(  # noqa: S310 - a local test server
            self.url + path, data=data, headers=all_headers, method=method
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, json.loads(response.read() or b"null")
        except HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"null")

    def ok(self, method: str, path: str, body: dict[str, Any] | None = None, **kw: Any) -> Any:
        status, answer = self.call(method, path, body, **kw)
        assert 200 <= status < 300, f"{self.name} {method} {path}: {status} {answer}"
        return answer

    def token(self, username: str) -> str:
        if username not in self.tokens:
            status, answer = self.call(
                "POST", "/api/auth/token/", {"username": username, "password": PASSWORD}
            )
            assert status == 200, answer
            self.tokens[username] = answer["token"]
        return self.tokens[username]


def _prepare(tmp_path: Path) -> tuple[Instance, Instance]:
    a = Instance("Tuntas Kab. Majalengka", tmp_path / "a.sqlite3", free_port(), tmp_path / "ma")
    b = Instance("Tuntas Nasional", tmp_path / "b.sqlite3", free_port(), tmp_path / "mb")
    # One migrated database with the demo organisations and personas, copied for B.
    a.manage("migrate", "--noinput")
    a.manage("shell", "-c", "from tuntas.demo.builder import build_demo; build_demo()")
    shutil.copy(a.db, b.db)
    # Each deployment issues the other a key (scope federation) and registers it as a peer.
    key = ("create_api_key", "--scope", "federation", "--name")
    key_for_b, key_for_a = (
        out.strip()
        for out in both(
            (a, (*key, b.name, "--organisation", "majalengka")),
            (b, (*key, a.name, "--organisation", "kapuas")),
        )
    )
    peer = ("federation_peer", "--name")
    both(
        (
            a,
            (
                *peer,
                b.name,
                "--base-url",
                b.url,
                "--organisation",
                "majalengka",
                "--outbound-key",
                key_for_a,
                "--inbound-key",
                key_for_b,
            ),
        ),
        (
            b,
            (
                *peer,
                a.name,
                "--base-url",
                a.url,
                "--organisation",
                "kapuas",
                "--outbound-key",
                key_for_b,
                "--inbound-key",
                key_for_a,
            ),
        ),
    )
    return a, b


@pytest.fixture
def instances(tmp_path: Path) -> Iterator[tuple[Instance, Instance]]:
    a, b = _prepare(tmp_path)
    try:
        a.start()
        b.start()
        a.wait_ready()
        b.wait_ready()
        yield a, b
    finally:
        a.stop()
        b.stop()


def timeline(instance: Instance, tracking_id: str, user: str) -> dict[str, Any]:
    path = f"/api/federation/staff/reports/{tracking_id}/timeline/"
    answer: dict[str, Any] = instance.ok("GET", path, user=user)
    return answer


def test_a_forwarded_report_shows_the_same_timeline_on_both(
    instances: tuple[Instance, Instance],
) -> None:
    a, b = instances
    # A: a citizen reports; the regency finds it is not its authority and forwards it.
    submitted = a.ok(
        "POST",
        "/api/reports/",
        {
            "pemda": "majalengka",
            "title": "Jembatan nasional retak di Kadipaten",
            "description": "Jembatan di jalan nasional Kadipaten retak dan bergoyang saat dilalui.",
            "classification": "complaint",
            "reporter_email": "warga@example.id",
            "location_text": "Jl. Raya Kadipaten",
        },
    )
    a_id, code = submitted["tracking_id"], submitted["access_code"]
    coordinator_a = "majalengka.koordinator"
    a.ok(
        "POST",
        f"/api/staff/reports/{a_id}/actions/not_in_authority/",
        {"reason": "Jalan nasional: wewenang pemerintah pusat."},
        user=coordinator_a,
    )
    forwarded = a.ok(
        "POST",
        f"/api/federation/staff/reports/{a_id}/forward/",
        {"peer": PEER_ID, "note": "Mohon ditangani."},
        user=coordinator_a,
    )
    assert forwarded["status"] == "forwarded"
    a.manage("deliver_outbox")

    [link] = timeline(a, a_id, coordinator_a)["links"]
    b_id = link["remote_tracking_id"]
    assert b_id and link["remote_status"] == "submitted"

    # B: the national deployment handles it in Kab. Kapuas.
    coordinator_b = "kapuas.koordinator"
    b.ok("POST", f"/api/staff/reports/{b_id}/actions/verify/", {}, user=coordinator_b)
    b.ok(
        "POST",
        f"/api/staff/reports/{b_id}/actions/dispose/",
        {"agencies": ["kapuas-pupr"], "instructions": "Cek jembatan."},
        user=coordinator_b,
    )
    staff_action = "/api/staff/reports/{}/actions/{}/"
    b.ok("POST", staff_action.format(b_id, "accept"), {}, user="kapuas.pupr.penghubung")
    b.ok(
        "POST",
        staff_action.format(b_id, "submit_draft"),
        {"body": "Jembatan sudah diperkuat oleh Balai Jalan Nasional."},
        user="kapuas.pupr.admin",
    )
    b.ok("POST", staff_action.format(b_id, "approve_draft"), {}, user="kapuas.pupr.kadis")
    b.ok("POST", staff_action.format(b_id, "publish_followup"), {}, user="kapuas.pupr.admin")
    # What the reporter may read goes back: the drafting steps stay staff-only at B.
    assert "federation events queued: 5" in b.manage("deliver_outbox")

    on_a = timeline(a, a_id, coordinator_a)
    on_b = timeline(b, b_id, coordinator_b)
    assert [(e["instance"], e["action"]) for e in on_a["timeline"]] == [
        (a.name, "submit"),
        (a.name, "not_in_authority"),
        (a.name, "forward_to_peer"),
        (b.name, "receive_forwarded"),
        (b.name, "verify"),
        (b.name, "dispose"),
        (b.name, "accept"),
        (b.name, "publish_followup"),
    ]
    # Same entries, same order: times, labels, statuses, who, reasons, visibility.
    assert on_a["timeline"] == on_b["timeline"]
    assert on_a["links"][0]["remote_status"] == "followed_up"
    assert on_b["links"][0]["remote_tracking_id"] == a_id
    assert on_a["status"] == "forwarded" and on_b["status"] == "followed_up"

    # The reporter, on A with their access code, reads what happened at B.
    mine = a.ok("GET", f"/api/reports/{a_id}/", headers={"X-Access-Code": code})
    shown = json.dumps(mine, ensure_ascii=False)
    assert "Terima disposisi" in shown and "Cek jembatan" not in shown
    [answer] = mine["followups"]
    assert answer["body"].endswith("Jembatan sudah diperkuat oleh Balai Jalan Nasional.")
