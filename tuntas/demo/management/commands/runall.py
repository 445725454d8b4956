"""Start the whole product in one terminal: the web server and the Celery worker with beat.

Used by ``scripts/run`` (the embedded setup, on the demo world: it lists the demo
logins when it starts, hence its home in ``tuntas.demo``). Before anything serves, it
brings the KPI facts and roll-ups up to date, so that ``/statistik/`` and the dashboards
show the demo reports at once rather than after the worker's first refresh (a minute
later, or never when the worker is down). Each child runs in its own
session so that Ctrl-C reaches only this supervisor, which forwards SIGINT/SIGTERM to
every child; when one child stops, the others are stopped too and the exit code of the
first one is returned.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

DEFAULT_PORT = 8000
STOP_GRACE_SECONDS = 15.0


@dataclass(frozen=True)
class Child:
    name: str
    argv: list[str]


def port_from_env(environ: Mapping[str, str]) -> int:
    raw = environ.get("TUNTAS_PORT", "").strip()
    if not raw:
        return DEFAULT_PORT
    try:
        port = int(raw)
    except ValueError as exc:
        raise CommandError(f"TUNTAS_PORT must be a port number, got {raw!r}") from exc
    if not 1 <= port <= 65535:
        raise CommandError(f"TUNTAS_PORT must be between 1 and 65535, got {port}")
    return port


def build_commands(
    *,
    python: str,
    manage: Path,
    host: str,
    port: int,
    schedule_file: str,
) -> list[Child]:
    """The processes that make up the running product."""
    return [
        Child("web", [python, str(manage), "runserver", f"{host}:{port}", "--noreload"]),
        Child(
            "worker",
            [
                python,
                "-m",
                "celery",
                "-A",
                "tuntas",
                "worker",
                "--beat",
                "--pool=solo",
                "--loglevel=info",
                f"--schedule-filename={schedule_file}",
            ],
        ),
    ]


def runtime_folders() -> list[Path]:
    """Folders the children write to: queue, beat schedule, mail, media."""
    folders: list[Path] = [Path(settings.CELERY_BEAT_SCHEDULE_FILENAME).parent]
    options: Mapping[str, object] = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for key in ("data_folder_in", "data_folder_out", "processed_folder"):
        value = options.get(key)
        if isinstance(value, str):
            folders.append(Path(value))
    if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend"):
        folders.append(Path(settings.EMAIL_FILE_PATH))
    folders.append(Path(settings.MEDIA_ROOT))
    return list(dict.fromkeys(folders))


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, role, organisation) for every demo persona present in the database."""
    from tuntas.accounts.models import User
    from tuntas.demo.builder import PEOPLE
    from tuntas.organisations.models import Membership

    usernames = [person[0] for person in PEOPLE]
    try:
        present = set(
            User.objects.filter(username__in=usernames).values_list("username", flat=True)
        )
        memberships = list(
            Membership.objects.filter(user__username__in=usernames).select_related(
                "user", "organisation"
            )
        )
    except DatabaseError:
        return []
    roles: dict[str, list[tuple[str, str]]] = {}
    for m in memberships:
        roles.setdefault(m.user.username, []).append(
            (str(m.get_role_display()), str(m.organisation))
        )
    rows: list[tuple[str, str, str]] = []
    for username in usernames:
        if username not in present:
            continue
        held = roles.get(username) or [("Pelapor (warga)", "-")]
        role, org = held[0]
        if len(held) > 1:
            role = " + ".join(dict.fromkeys(r for r, _ in held))
        rows.append((username, role, org))
    return rows


def build_kpi() -> str:
    """Bring the KPI facts and roll-ups up to date (the first run builds them all); the
    line to print. A database that cannot be read is reported, not fatal: the worker's
    beat refreshes them once it can."""
    from tuntas.kpi.facts import refresh_changed

    try:
        result = refresh_changed()
    except DatabaseError as exc:
        return f"runall: KPI figures not built yet ({exc}); the worker will refresh them."
    return f"runall: KPI figures up to date ({result.reports} reports, {result.seconds:.1f} s)."


def format_table(rows: Sequence[tuple[str, str, str]]) -> str:
    header = ("username", "role", "organisation")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in [header]]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def wait_for_port(host: str, port: int, procs: Sequence[subprocess.Popen[bytes]]) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def exit_status(returncode: int) -> int:
    """A shell-style exit status for a child that stopped on its own (never 0: it should not)."""
    if returncode < 0:
        return 128 - returncode  # killed by a signal
    return returncode or 1


class Supervisor:
    """Run children; forward stop signals; when one stops, stop them all."""

    def __init__(self, children: Sequence[Child], env: Mapping[str, str] | None = None) -> None:
        self.children = list(children)
        self.env = dict(env) if env is not None else None
        self.procs: list[subprocess.Popen[bytes]] = []
        self.requested: int | None = None

    def start(self) -> None:
        for child in self.children:
            self.procs.append(
                subprocess.Popen(child.argv, env=self.env, start_new_session=True)  # noqa: S603
            )

    def request_stop(self, signum: int, frame: FrameType | None = None) -> None:
        if self.requested is None:
            self.requested = signum
            self.signal_all(signal.SIGINT if signum == signal.SIGINT else signal.SIGTERM)

    def signal_all(self, signum: int) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(signum)

    def wait(self, poll: float = 0.3) -> tuple[int, str | None]:
        """Block until all children are gone; the exit code and the child that ended first."""
        first: str | None = None
        code = 0
        while self.requested is None:
            for child, proc in zip(self.children, self.procs, strict=True):
                if proc.poll() is not None:
                    first, code = child.name, exit_status(proc.returncode)
                    break
            if first is not None:
                self.signal_all(signal.SIGTERM)
                break
            time.sleep(poll)
        self.reap()
        return code, first

    def reap(self) -> None:
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for proc in self.procs:
            remaining = max(deadline - time.monotonic(), 0.1)
            try:
                proc.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


class Command(BaseCommand):
    help = (
        "Run the web server and the Celery worker with beat together "
        "(the embedded setup started by scripts/run)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=None, help="Default: TUNTAS_PORT or 8000.")

    def handle(self, *args: Any, **options: Any) -> None:
        host: str = options["host"]
        port: int = options["port"] or port_from_env(os.environ)
        for folder in runtime_folders():
            folder.mkdir(parents=True, exist_ok=True)
        children = build_commands(
            python=sys.executable,
            manage=Path(settings.BASE_DIR) / "manage.py",
            host=host,
            port=port,
            schedule_file=str(settings.CELERY_BEAT_SCHEDULE_FILENAME),
        )
        logins = demo_logins()
        self.stdout.write(build_kpi())
        supervisor = Supervisor(children)
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, supervisor.request_stop)
        supervisor.start()
        if wait_for_port(host, port, supervisor.procs):
            self.print_banner(host, port, logins)
        code, first = supervisor.wait()
        if first is not None:
            self.stderr.write(f"runall: '{first}' stopped (exit {code}); all processes stopped.")
            raise SystemExit(code)
        self.stdout.write("runall: stopped.")

    def print_banner(self, host: str, port: int, logins: list[tuple[str, str, str]]) -> None:
        url = f"http://{host}:{port}/"
        lines = [
            "",
            "=" * 72,
            f"Tuntas is running at {url}",
            f"  Django admin: {url}admin/   API docs: {url}api/docs/",
            f"  Mail is written to {settings.EMAIL_FILE_PATH}"
            if settings.EMAIL_BACKEND.endswith("filebased.EmailBackend")
            else f"  Mail backend: {settings.EMAIL_BACKEND}",
        ]
        if logins:
            lines += [
                "",
                'Demo logins (password "tuntas-demo"):',
                format_table(logins),
            ]
        lines += ["", "Press Ctrl-C to stop everything.", "=" * 72, ""]
        self.stdout.write("\n".join(lines))
        self.stdout.flush()
