"""Celery worker processes for the fault test, the tasks the harness feeds them, and a
look inside the processes (Linux ``/proc``). No Django, no tuntas imports.

Each worker runs in its own session, so its process group holds the main process and
its prefork children: SIGKILL to the group is a machine losing the worker at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import redis
from celery import Celery

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_QUEUE = "celery"
DELIVER = "tuntas.outbox.tasks.deliver_due"
SWEEP = "tuntas.reports.tasks.sweep_clocks"


# -- inside a process group -----------------------------------------------------------
def group_members(pgid: int) -> set[int]:
    """The live processes of process group ``pgid``."""
    members: set[int] = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and brackets.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.add(int(entry))
    return members


def socket_inodes(pids: Iterable[int]) -> set[int]:
    inodes: set[int] = set()
    for pid in pids:
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with contextlib.suppress(OSError):
                    target = os.readlink(f"/proc/{pid}/fd/{fd}")
                    if target.startswith("socket:["):
                        inodes.add(int(target[8:-1]))
    return inodes


def tcp_local_ports(inodes: set[int], remote_port: int | None = None) -> set[int]:
    """The local TCP ports of the sockets ``inodes`` (IPv4 and IPv6), only those
    connected to ``remote_port`` when it is given."""
    ports: set[int] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if len(fields) <= 9 or int(fields[9]) not in inodes:
                    continue
                if remote_port is not None and int(fields[2].rsplit(":", 1)[1], 16) != remote_port:
                    continue
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


# -- worker processes ------------------------------------------------------------------
@dataclass
class Worker:
    name: str
    app_name: str
    process: subprocess.Popen[bytes]
    log_path: Path
    log: IO[bytes]

    @property
    def node(self) -> str:
        return f"{self.name}@{socket.gethostname()}"

    def alive(self) -> bool:
        return self.process.poll() is None

    def pids(self) -> set[int]:
        return group_members(self.process.pid)

    def local_ports(self, remote_port: int | None = None) -> set[int]:
        """Local TCP ports of this worker's connections (to ``remote_port``) right now."""
        return tcp_local_ports(socket_inodes(self.pids()), remote_port)

    def kill(self) -> None:
        """SIGKILL the whole process group (main process and pool children) and reap it."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        deadline = time.monotonic() + 10
        while self.pids() and time.monotonic() < deadline:
            time.sleep(0.05)
        self.log.close()

    def stop(self, grace: float = 20.0) -> None:
        """Warm shutdown (running tasks finish), SIGKILL after ``grace`` seconds. SIGTERM
        goes to the main process only: it tells its pool children when to stop."""
        if self.alive():
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=grace)
        self.kill()

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def start_worker(
    name: str,
    *,
    queues: list[str],
    env: Mapping[str, str],
    work_dir: Path,
    concurrency: int = 2,
    generation: int = 1,
) -> Worker:
    """``celery -A tuntas worker`` with a prefork pool; its PostgreSQL connections carry
    the application name ``tuntas-fault-<name>-<generation>`` (PGAPPNAME)."""
    app_name = f"tuntas-fault-{name}-{generation}"
    log_path = work_dir / f"worker-{name}-{generation}.log"
    log = log_path.open("wb")
    argv = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "tuntas",
        "worker",
        "--pool=prefork",
        f"--concurrency={concurrency}",
        f"--hostname={name}@%h",
        f"--queues={','.join(queues)}",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel=WARNING",
    ]
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        argv,
        cwd=ROOT,
        env={**env, "PGAPPNAME": app_name},
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return Worker(name, app_name, process, log_path, log)


# -- feeding tasks -----------------------------------------------------------------------
class TaskPump:
    """Sends tasks by name to the Redis broker and reads the queue lengths."""

    def __init__(self, broker_url: str) -> None:
        self.app = Celery("tuntas-fault-harness", broker=broker_url, set_as_current=False)
        self.redis = redis.Redis.from_url(broker_url)
        self.sent: dict[str, int] = {}
        self._turn = 0

    def waiting(self, queue: str = DEFAULT_QUEUE) -> int:
        return int(self.redis.llen(queue))

    def send(self, task: str, queue: str = DEFAULT_QUEUE) -> None:
        self.app.send_task(task, queue=queue)
        self.sent[task] = self.sent.get(task, 0) + 1

    def top_up(self, tasks: Sequence[str], depth: int, queue: str = DEFAULT_QUEUE) -> None:
        """Keep ``depth`` tasks waiting in ``queue``, sending ``tasks`` in turn (as beat and
        the on-commit kicks keep the workers busy in production)."""
        for _ in range(max(depth - self.waiting(queue), 0)):
            self._turn += 1
            self.send(tasks[self._turn % len(tasks)], queue)

    def ping(self, worker: Worker, timeout: float = 1.0) -> bool:
        replies = self.app.control.ping(destination=[worker.node], timeout=timeout)
        return any(worker.node in reply for reply in replies or [])

    def wait_ready(self, worker: Worker, timeout: float = 60.0) -> float:
        """Seconds until ``worker`` answers a ping; RuntimeError if it dies or never does."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if not worker.alive():
                raise RuntimeError(f"worker {worker.name} exited:\n{worker.log_tail()}")
            if self.ping(worker):
                return time.monotonic() - started
        raise RuntimeError(f"worker {worker.name} not ready in {timeout:.0f} s")

    def close(self) -> None:
        self.redis.close()
        self.app.close()
