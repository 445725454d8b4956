"""The fault test: a Celery worker is killed with SIGKILL in the middle of deliveries and
sweeps, and restarted; every message must reach the receiver exactly once (deduplicated
by its key) and no clock action may be done twice.

Needs a PostgreSQL database of its own (empty; it is migrated here) and a throw-away
Redis server, and runs on Linux (it looks into ``/proc``)::

    TUNTAS_DATABASE=postgres TUNTAS_DB_HOST=127.0.0.1 TUNTAS_DB_PORT=5432 \\
    TUNTAS_DB_USER=tuntas TUNTAS_DB_NAME=tuntas_fault \\
    .venv/bin/python -m tests.fault.run_fault_test --broker redis://127.0.0.1:6379/0

What it does:

1. migrates the database, installs the reference data and the demo world, and types in
   ``--reports`` reports answered 60 days ago (``workload``): one SMS each to its
   reporter now, and an auto-close clock long run out;
2. starts a local SMS gateway (``receiver``) that answers after 20-40 ms and drops a
   repeated Idempotency-Key, and two workers (``celery -A tuntas worker --pool=prefork
   -c 2``) on Redis and PostgreSQL with a 5 s claim lease; it keeps delivery tasks queued
   (as beat and the on-commit kicks do in production);
3. once 12 % of the SMS have arrived it sends one sweep to the first worker (a queue
   only that worker reads, so the kill is sure to land in a sweep); each report it closes
   sends the reporter a second SMS, and tells the agency's liaisons (in-app, e-mail);
4. when both counters are between 10 % and 90 %, it has the gateway hold the answer to
   the next SMS request until one comes from that worker (its sockets in ``/proc``), waits
   until the worker is inside a sweep transaction (the PostgreSQL locks of its
   connections, named by ``PGAPPNAME``), SIGKILLs the worker's process group, waits for
   PostgreSQL to roll its transactions back, and restarts it;
5. keeps delivery and sweep tasks queued for both workers until every message is sent
   and every due clock acted on (``--timeout``), stops the workers and checks
   (``checks.verdict``) the outbox, the receiver, the notifications and the audit trail.

Prints the figures; exit status 0 when every promise holds, 1 when one does not, 2 when
it cannot run (bad arguments, database not empty).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import django

from tests.fault.cluster import DELIVER, SWEEP, TaskPump, Worker, start_worker
from tests.fault.receiver import GatewayReceiver

VICTIM_QUEUE = "fault.victim"
SMS_PER_REPORT = 2  # the answer when it is typed in, the notice when the sweep closes it
KILL_WINDOW = (0.10, 0.90)
SWEEP_AFTER = 0.12  # share of the SMS delivered before the sweep is sent
TICK = 0.05
TOP_UP_EVERY = 0.25
DUMMY_MAIL = "django.core.mail.backends.dummy.EmailBackend"


@dataclass(frozen=True)
class Options:
    broker: str
    reports: int
    claim_seconds: int
    timeout: float
    work_dir: Path


class FaultTestFailed(Exception):
    pass


def parse(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m tests.fault.run_fault_test",
        description="SIGKILL a worker mid-delivery and mid-sweep; check nothing is lost "
        "or done twice.",
    )
    parser.add_argument("--broker", required=True, help="throw-away Redis: redis://host:port/db")
    parser.add_argument("--reports", type=int, default=2000, help="reports to create (2000)")
    parser.add_argument(
        "--claim-seconds", type=int, default=5, help="outbox claim lease of the workers (5)"
    )
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds for the work after the kill (300)"
    )
    parser.add_argument("--work-dir", type=Path, help="worker logs (default: a temporary dir)")
    args = parser.parse_args(argv)
    if not args.broker.startswith("redis://"):
        parser.error("--broker must be a redis:// URL")
    if args.reports < 100:
        parser.error("--reports must be at least 100 (the kill needs a window)")
    if args.claim_seconds < 1:
        parser.error("--claim-seconds must be at least 1")
    work_dir = args.work_dir or Path(tempfile.mkdtemp(prefix="tuntas-fault-"))
    work_dir.mkdir(parents=True, exist_ok=True)
    return Options(args.broker, args.reports, args.claim_seconds, args.timeout, work_dir)


def configure(options: Options, gateway_url: str) -> dict[str, str]:
    """Set this process's environment (before Django starts); the workers' environment."""
    shared = {
        "TUNTAS_SECRET_KEY": secrets.token_urlsafe(48),
        "TUNTAS_DEBUG": "false",
        "TUNTAS_TASKS_EAGER": "false",
        "TUNTAS_SMS_GATEWAY_URL": gateway_url,
        "TUNTAS_SMS_GATEWAY_TOKEN": "",
        "TUNTAS_WHATSAPP_PHONE_NUMBER_ID": "",
        "TUNTAS_WHATSAPP_TOKEN": "",
        "TUNTAS_IMAP_HOST": "",
        "TUNTAS_OUTBOX_CLAIM_SECONDS": str(options.claim_seconds),
        "TUNTAS_EMAIL_BACKEND": DUMMY_MAIL,
        "TUNTAS_LOG_LEVEL": "WARNING",
    }
    os.environ.update(shared)
    # The harness queues nothing itself: its on-commit kicks go to an in-memory broker.
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.fault.settings",
            "TUNTAS_BROKER_URL": "memory://localhost/",
        }
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tuntas.settings",
        "TUNTAS_BROKER_URL": options.broker,
    }


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


@dataclass
class Harness:
    options: Options
    receiver: GatewayReceiver
    worker_env: dict[str, str]
    figures: dict[str, object] = field(default_factory=dict)
    workers: list[Worker] = field(default_factory=list)
    interrupted: set[str] = field(default_factory=set)
    misses: Counter[str] = field(default_factory=Counter)
    report_ids: list[int] = field(default_factory=list)
    expected_sms: int = 0
    killed_at: float = 0.0

    def log(self, text: str) -> None:
        print(f"[fault {time.strftime('%H:%M:%S')}] {text}", flush=True)

    def run(self) -> int:
        from django.utils import timezone

        from tests.fault import checks, workload

        if not workload.database_is_empty():
            self.log("the database is not empty: give the fault test a fresh database")
            return 2
        started = time.monotonic()
        workload.prepare_database()
        work = workload.create_reports_in_parallel(self.options.reports, now=timezone.now())
        self.report_ids = work.report_ids
        self.expected_sms = SMS_PER_REPORT * len(work.report_ids)
        self.figures["reports (answered 60 days ago)"] = len(work.report_ids)
        self.figures["clocks due at the start"] = checks.due_clocks(timezone.now())
        self.figures["SMS expected"] = self.expected_sms
        self.figures["setup seconds"] = round(time.monotonic() - started, 1)
        self.log(
            f"set up {len(work.report_ids)} reports, "
            f"{self.figures['clocks due at the start']} due clocks "
            f"in {self.figures['setup seconds']} s; logs in {self.options.work_dir}"
        )
        pump = TaskPump(self.options.broker)
        try:
            self._run(pump)
        except FaultTestFailed as exc:
            self.log(f"FAILED: {exc}")
            self._stop_all()
            self._print_logs()
            return 1
        finally:
            self._stop_all()
            pump.close()
        verdict = checks.verdict(
            self.report_ids,
            self.receiver.keys(),
            self.receiver.repeats(),
            self.interrupted,
            timezone.now(),
        )
        rejected = self.receiver.rejected()
        verdict.expect(not rejected, f"malformed gateway requests: {rejected[:3]}")
        self.figures.update(verdict.figures)
        self._print_figures()
        if verdict.failures:
            for failure in verdict.failures:
                self.log(f"FAILED: {failure}")
            self._print_logs()
            return 1
        self.log(
            "PASSED: {sms} SMS keys received exactly once ({repeats} repeats dropped), "
            "{closed} reports closed once each, worker killed mid-sweep and mid-delivery".format(
                sms=self.figures["SMS keys received"],
                repeats=self.figures["transport-level repeats dropped by the receiver"],
                closed=self.figures["reports closed by the sweep"],
            )
        )
        return 0

    # -- the run --------------------------------------------------------------------------
    def _run(self, pump: TaskPump) -> None:
        from tests.fault import checks

        env, work_dir = self.worker_env, self.options.work_dir
        victim = start_worker("w1", queues=["celery", VICTIM_QUEUE], env=env, work_dir=work_dir)
        other = start_worker("w2", queues=["celery"], env=env, work_dir=work_dir)
        self.workers = [victim, other]
        for worker in self.workers:
            pump.wait_ready(worker)
        run_started = time.monotonic()
        self.log("workers ready; delivering")
        self._until_kill(pump, victim)
        killed_at = self.killed_at
        self.figures["seconds from start to kill"] = round(killed_at - run_started, 1)
        self._await(
            lambda: checks.connections_of(victim.app_name) == 0,
            30,
            "PostgreSQL did not drop the killed worker's connections",
        )
        self.figures["seconds until w1's processes and connections were gone"] = round(
            time.monotonic() - killed_at, 2
        )
        restarted = start_worker("w1", queues=["celery"], env=env, work_dir=work_dir, generation=2)
        self.workers = [restarted, other]
        pump.wait_ready(restarted)
        self.log("worker w1 killed and restarted; finishing the work")
        self._until_done(pump)
        self.figures["seconds from kill to all done"] = round(time.monotonic() - killed_at, 1)
        self.figures["seconds of the whole run"] = round(time.monotonic() - run_started, 1)
        self.figures["tasks sent by the harness"] = sum(pump.sent.values())
        self._stop_all()

    def _until_kill(self, pump: TaskPump, victim: Worker) -> None:
        """Feed the workers until the moment to kill ``victim`` (see the module doc)."""
        from tests.fault import checks

        low, high = KILL_WINDOW
        reports = len(self.report_ids)
        sweep_sent = False
        last_top_up = 0.0
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            self._check_alive()
            if time.monotonic() - last_top_up >= TOP_UP_EVERY:
                pump.top_up([DELIVER], 2)
                last_top_up = time.monotonic()
            delivered = self.receiver.distinct() / self.expected_sms
            if not sweep_sent and delivered >= SWEEP_AFTER:
                pump.send(SWEEP, VICTIM_QUEUE)
                sweep_sent = True
                self.log(f"{delivered:.0%} of the SMS delivered; sweep sent to w1")
            if sweep_sent:
                closed = checks.closed_count() / reports
                if closed > high or delivered > high:
                    raise FaultTestFailed(
                        f"missed the kill window (closed {closed:.0%}, delivered "
                        f"{delivered:.0%}); tries: {dict(self.misses)}"
                    )
                if low <= closed and low <= delivered and self._kill_now(victim):
                    # What was committed when w1 died (its open batch is rolled back).
                    delivered_at_kill = percent(self.receiver.distinct(), self.expected_sms)
                    closed_at_kill = percent(checks.closed_count(), reports)
                    self.figures["at the kill: SMS delivered"] = delivered_at_kill
                    self.figures["at the kill: reports closed"] = closed_at_kill
                    self.log(
                        f"killed w1 in a sweep transaction and while the gateway held its SMS "
                        f"{sorted(self.interrupted)[0]} ({delivered_at_kill} delivered, "
                        f"{closed_at_kill} closed)"
                    )
                    return
            time.sleep(TICK)
        raise FaultTestFailed("no moment to kill within 180 s")

    def _kill_now(self, victim: Worker) -> bool:
        """SIGKILL ``victim`` while the gateway holds the answer to one of its SMS requests
        and it is inside a sweep transaction; whether it did."""
        from tests.fault import checks

        hold = self.receiver.hold_next()
        try:
            if not hold.taken.wait(1.0):
                self.misses["no SMS request within 1 s"] += 1
                return False
            if hold.port not in victim.local_ports(self.receiver.port):
                self.misses["held a request of w2"] += 1
                return False
            deadline = time.monotonic() + 1.0
            while not (sweeping := checks.open_sweep_transactions(victim.app_name)):
                if time.monotonic() > deadline:
                    self.misses["w1 not in a sweep transaction"] += 1
                    return False
                time.sleep(0.005)
            self.killed_at = time.monotonic()
            victim.kill()
            self.interrupted = {hold.key}
            self.figures["at the kill: w1 sweep transactions open"] = sweeping
            self.figures["at the kill: w1 SMS requests held by the gateway"] = 1
            return True
        finally:
            self.receiver.cancel(hold)

    def _until_done(self, pump: TaskPump) -> None:
        from django.utils import timezone

        from tests.fault import checks

        deadline = time.monotonic() + self.options.timeout
        last_log = time.monotonic()
        while time.monotonic() < deadline:
            self._check_alive()
            state = checks.progress(self.report_ids, timezone.now())
            pump.top_up([DELIVER, SWEEP] if state.due_clocks else [DELIVER], 3)
            if state.outbox_dead:
                raise FaultTestFailed(f"{state.outbox_dead} outbox messages went dead")
            if (
                state.outbox_sent == state.outbox_total
                and state.due_clocks == 0
                and state.closed == len(self.report_ids)
            ):
                return
            if time.monotonic() - last_log > 10:
                last_log = time.monotonic()
                self.log(
                    f"sent {state.outbox_sent}/{state.outbox_total}, closed "
                    f"{state.closed}/{len(self.report_ids)}, clocks due {state.due_clocks}"
                )
            time.sleep(TOP_UP_EVERY)
        raise FaultTestFailed(f"the work was not done within {self.options.timeout:.0f} s")

    # -- helpers --------------------------------------------------------------------------
    def _await(self, condition: Callable[[], bool], timeout: float, failure: str) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise FaultTestFailed(failure)
            time.sleep(TICK)

    def _check_alive(self) -> None:
        for worker in self.workers:
            if not worker.alive():
                raise FaultTestFailed(f"worker {worker.name} exited on its own")

    def _stop_all(self) -> None:
        for worker in self.workers:
            worker.stop()

    def _print_figures(self) -> None:
        width = max(len(name) for name in self.figures)
        print("\nFault test figures:", flush=True)
        for name, value in self.figures.items():
            print(f"  {name:<{width}}  {value}", flush=True)

    def _print_logs(self) -> None:
        for worker in self.workers:
            tail = worker.log_tail()
            if tail:
                print(f"\n--- last lines of {worker.log_path.name} ---\n{tail}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse(argv)
    if os.environ.get("TUNTAS_DATABASE") != "postgres":
        print("The fault test needs TUNTAS_DATABASE=postgres (and TUNTAS_DB_*).", file=sys.stderr)
        return 2
    receiver = GatewayReceiver()
    worker_env = configure(options, receiver.start())
    try:
        django.setup()
        return Harness(options, receiver, worker_env).run()
    finally:
        receiver.stop()


if __name__ == "__main__":
    sys.exit(main())
