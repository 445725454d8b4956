"""Every row of the national-scale table in one command, side by side with a bare Django
5.2 endpoint and django-helpdesk, written into docs/performance.md.

    bench/run_all [--reports 1000000] [--quick] [--workers 2] [--no-docs]

1. A private PostgreSQL 15 (load settings), Redis; ``bench/generate.py`` fills the Tuntas
   database; PostgreSQL is restarted with durable settings (``servers.PG_SERVE``).
2. Two virtualenvs under ``var/bench/venvs`` (bare Django 5.2 with a one-view project that
   inserts one row per POST; django-helpdesk with a minimal project and a public queue),
   each with its own database on the same server; three gunicorns with the same workers.
3. Submissions per second (``wrk``, same connections and time for the three), statements
   and commits per submission (``pg_stat_statements``, ``pg_stat_database``), the staff and
   public pages and the API (server-side time from gunicorn's access log, p50/p95, signed
   in as Kapuas's coordinator, the national admin and a PUPR liaison), the KPI dashboard,
   the exports, the sweep (``bench/sweep.py``), and each system's worker memory after
   1,000 mixed requests. Prints the table and rewrites the marked section of
   docs/performance.md with the date, commit and load average.

Only public URLs are used for the measured requests, so the suite survives changes to the
application's code (the data generator is the exception: it clones through the models).
"""

# Starting the servers and tools this suite runs (fixed commands, no user input).
# ruff: noqa: S603, S607

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import (
    BARE_FILES,
    DJANGO,
    GUNICORN,
    HELPDESK,
    HELPDESK_FILES,
    HELPDESK_SETUP,
    PG_LOAD,
    PG_SERVE,
    PSYCOPG,
    ROOT,
    Gunicorn,
    Postgres,
    Redis,
    manage,
    venv,
    write_project,
)

PASSWORD = "tuntas-demo"  # noqa: S105 - the published demo personas' password
COORDINATOR, NATIONAL, LIAISON, CITIZEN = (
    "kapuas.koordinator",
    "nasional",
    "kapuas.pupr.penghubung",
    "warga",
)
PERSONAS = {COORDINATOR: "Kapuas coordinator", NATIONAL: "national admin", LIAISON: "PUPR liaison"}
RARE_TITLE = "Talang Kencana"  # bench/generate.py: in about 0.1 % of the titles
DOCS = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


@dataclass
class Row:
    label: str
    tuntas: str
    bare: str = ""
    helpdesk: str = ""
    ratio: str = ""
    target: str = ""
    ok: bool | None = None  # None: no target


@dataclass
class Run:
    args: argparse.Namespace
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        mark = {True: "pass", False: "MISS", None: ""}[row.ok]
        print(
            f"| {row.label} | {row.tuntas} | {row.bare} | {row.helpdesk} | {row.ratio} |"
            f" {row.target} | {mark} |",
            flush=True,
        )


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---------------------------------------------------------------------------- clients


class Client:
    """A signed-in (session or token) or anonymous HTTP client of one server."""

    def __init__(self, server: Gunicorn) -> None:
        self.server = server
        self.http = requests.Session()

    def url(self, path: str) -> str:
        return self.server.base + path

    def login_session(self, username: str) -> Client:
        page = self.http.get(self.url("/akun/masuk/"))
        page.raise_for_status()
        token = self.http.cookies.get("csrftoken", "")
        response = self.http.post(
            self.url("/akun/masuk/"),
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.url("/akun/masuk/")},
            allow_redirects=False,
        )
        assert response.status_code == 302, f"sign-in of {username}: {response.status_code}"
        return self

    def login_token(self, username: str) -> Client:
        response = self.http.post(
            self.url("/api/auth/token/"), json={"username": username, "password": PASSWORD}
        )
        assert response.status_code == 200, f"token of {username}: {response.text[:200]}"
        self.http.headers["Authorization"] = f"Token {response.json()['token']}"
        return self

    def get(self, path: str, expect: int = 200) -> requests.Response:
        response = self.http.get(self.url(path), allow_redirects=False)
        assert response.status_code == expect, f"GET {path}: {response.status_code}"
        return response


def server_times(server: Gunicorn, since: int) -> tuple[list[float], int]:
    """Milliseconds of the access-log lines written after byte ``since``."""
    with server.access_log.open() as f:
        f.seek(since)
        text = f.read()
        end = f.tell()
    times = [int(line.rsplit(" ", 1)[1]) / 1000 for line in text.splitlines() if line.strip()]
    return times, end


def percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return statistics.median(values), p95


def page_times(client: Client, path: str, n: int, expect: int = 200) -> tuple[float, float]:
    """p50 and p95 server-side milliseconds of ``n`` sequential requests (after one warm-up)."""
    client.get(path, expect)
    offset = client.server.access_log.stat().st_size
    for _ in range(n):
        client.get(path, expect)
    time.sleep(0.3)  # the access log is written after the response
    times, _end = server_times(client.server, offset)
    return percentiles(times[-n:])


def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"


# ---------------------------------------------------------------------------- load


def wrk(url: str, lua: str, seconds: int, connections: int, work: Path) -> tuple[float, int, int]:
    """Requests per second, requests and error responses (non-2xx/3xx, socket errors)."""
    script = work / f"wrk-{abs(hash(url))}.lua"
    script.write_text(lua)
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(x) for x in m.groups())
    return rate, total, errors


def lua_post(body: str, headers: dict[str, str]) -> str:
    lines = ['wrk.method = "POST"', f"wrk.body = {json.dumps(body)}"]
    lines += [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    return "\n".join(lines) + "\n"


@dataclass
class Submitter:
    """How one system takes a report: the URL, the wrk script and one Python request."""

    server: Gunicorn
    path: str
    lua: str
    send: Callable[[], requests.Response]
    expect: int


def tuntas_submitter(server: Gunicorn) -> Submitter:
    citizen = Client(server).login_token(CITIZEN)
    body = {
        "title": "Jalan berlubang di depan pasar",
        "description": "Jalan di depan pasar berlubang besar sejak dua minggu, membahayakan.",
        "classification": "complaint",
        "pemda": "kapuas",
        "location_text": "Jl. Pemuda",
        "is_anonymous": False,
        "is_confidential": False,
    }
    text = json.dumps(body)
    headers = {
        "Content-Type": "application/json",
        "Authorization": str(citizen.http.headers["Authorization"]),
    }
    return Submitter(
        server,
        "/api/reports/",
        lua_post(text, headers),
        lambda: citizen.http.post(citizen.url("/api/reports/"), data=text, headers=headers),
        201,
    )


def bare_submitter(server: Gunicorn) -> Submitter:
    text = json.dumps({"title": "Jalan berlubang", "description": "Jalan di depan pasar rusak."})
    headers = {"Content-Type": "application/json"}
    http = requests.Session()
    return Submitter(
        server,
        "/reports/",
        lua_post(text, headers),
        lambda: http.post(server.base + "/reports/", data=text, headers=headers),
        201,
    )


def helpdesk_submitter(server: Gunicorn) -> Submitter:
    http = requests.Session()
    form = http.get(server.base + "/helpdesk/tickets/submit/")
    form.raise_for_status()
    token = http.cookies["csrftoken"]
    fields = {
        "csrfmiddlewaretoken": token,
        "title": "Jalan berlubang di depan pasar",
        "body": "Jalan di depan pasar berlubang besar sejak dua minggu, membahayakan.",
        "submitter_email": "warga@example.invalid",
    }
    text = urllib.parse.urlencode(fields)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={token}",
        "Referer": server.base + "/helpdesk/tickets/submit/",
    }
    return Submitter(
        server,
        "/helpdesk/tickets/submit/",
        lua_post(text, headers),
        lambda: http.post(
            server.base + "/helpdesk/tickets/submit/", data=fields, allow_redirects=False
        ),
        302,
    )


def _commits(pg: Postgres, db: str) -> int:
    """Committed transactions of ``db`` so far, read on a connection of its own (whose own
    transaction is counted when it closes, after this read)."""
    with psycopg.connect(pg.dsn(db), autocommit=True) as conn:
        row = conn.execute(
            "SELECT xact_commit FROM pg_stat_database WHERE datname = %s", [db]
        ).fetchone()
    assert row is not None
    return int(row[0])


# Backends publish their transaction counts when idle, at most 10 s late (PostgreSQL 15).
STATS_DELAY = 11.5


def statements_per_submission(
    pg: Postgres, db: str, submit: Submitter, n: int
) -> tuple[float, float, float, list[str]]:
    """(statements, of which BEGIN/COMMIT/SAVEPOINT/RELEASE, commits) per submission, and
    the statements run most often."""
    response = submit.send()  # warm: connection open, caches filled
    assert response.status_code == submit.expect, response.text[:300]
    with psycopg.connect(pg.dsn(db), autocommit=True) as conn:
        conn.execute("SELECT pg_stat_statements_reset()")
    time.sleep(STATS_DELAY)
    before = _commits(pg, db)
    for _ in range(n):
        response = submit.send()
        assert response.status_code == submit.expect, response.text[:300]
    time.sleep(STATS_DELAY)
    after = _commits(pg, db)
    with psycopg.connect(pg.dsn(db), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT query, calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
            " WHERE d.datname = %s AND query NOT LIKE '%%pg_stat%%' ORDER BY calls DESC",
            [db],
        ).fetchall()
    control = re.compile(r"^\s*(BEGIN|COMMIT|SAVEPOINT|RELEASE|ROLLBACK)", re.I)
    # Foreign-key checks PostgreSQL runs itself inside an INSERT or UPDATE are not
    # statements the application sent.
    rows = [(query, calls) for query, calls in rows if "FOR KEY SHARE OF x" not in query]
    total = sum(calls for _query, calls in rows)
    tx = sum(calls for query, calls in rows if control.match(query))
    top = [f"{calls / n:.1f}× {' '.join(query.split())[:110]}" for query, calls in rows[:12]]
    # ``after`` includes the connection that read ``before``.
    return total / n, tx / n, (after - before - 1) / n, top


SUBMITTERS: dict[str, Callable[[Gunicorn], Submitter]] = {
    "tuntas": tuntas_submitter,
    "bare": bare_submitter,
    "helpdesk": helpdesk_submitter,
}


# ---------------------------------------------------------------------------- the suite


def tuntas_env(pg: Postgres, redis: Redis, static: Path) -> dict[str, str]:
    return {
        **os.environ,
        "TUNTAS_DATABASE": "postgres",
        "TUNTAS_DB_HOST": "127.0.0.1",
        "TUNTAS_DB_PORT": str(pg.port),
        "TUNTAS_DB_USER": "tuntas",
        "TUNTAS_DB_NAME": "tuntas",
        "TUNTAS_DB_PASSWORD": "",
        "TUNTAS_BROKER_URL": redis.url + "/0",
        "TUNTAS_CACHE_URL": redis.url + "/1",
        "TUNTAS_SECRET_KEY": "bench-" + "k" * 60,
        "TUNTAS_DEBUG": "false",
        "TUNTAS_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TUNTAS_SSL_REDIRECT": "false",
        "TUNTAS_SECURE_COOKIES": "false",
        "TUNTAS_HSTS_SECONDS": "0",
        "TUNTAS_HSTS_PRELOAD": "false",
        "TUNTAS_STATIC_ROOT": str(static),
        "TUNTAS_MEDIA_ROOT": str(static.parent / "media"),
        "TUNTAS_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "TUNTAS_LOG_LEVEL": "WARNING",
        "TUNTAS_API_RATE_SIGN_IN": "100000/hour",
    }


def generate(run: Run, pg: Postgres, env: dict[str, str]) -> None:
    log(f"generating {run.args.reports:,} reports")
    started = time.monotonic()
    gen_env = {**env, "TUNTAS_DEBUG": "true", "TUNTAS_BROKER_URL": "memory://"}
    out = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            "bench/generate.py",
            "--reports",
            str(run.args.reports),
        ],
        cwd=ROOT,
        env=gen_env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    print(out, flush=True)
    seconds = time.monotonic() - started
    summary = [line for line in out.splitlines() if " reports in " in line]
    run.notes.append(
        f"Data: `bench/generate.py --reports {run.args.reports}` took **{seconds:,.0f} s**"
        + (f": {summary[-1].strip()}." if summary else ".")
    )
    run.add(Row(f"Generate {run.args.reports:,} reports (bench/generate.py)", f"{seconds:,.0f} s"))


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else ""


def submissions(run: Run, pg: Postgres, subs: dict[str, Submitter], work: Path) -> None:
    seconds = run.args.duration
    connections = 2 * run.args.workers
    rates: dict[str, float] = {}
    for name, sub in subs.items():
        sub.send()  # warm
        log(f"wrk {name}: {seconds} s, {connections} connections")
        rate, total, errors = wrk(sub.server.base + sub.path, sub.lua, seconds, connections, work)
        if errors:
            run.notes.append(f"{name}: {errors} of {total} submissions answered with an error.")
        rates[name] = rate
    t, b, h = rates["tuntas"], rates["bare"], rates["helpdesk"]
    run.add(
        Row(
            "Report submission, API (requests/s)",
            f"{t:,.1f}",
            f"{b:,.1f}",
            f"{h:,.1f}",
            f"{ratio(t, b)} bare, {ratio(t, h)} helpdesk",
            "≥ 0.28/s (1,000/h peak)",
            t >= 1000 / 3600,
        )
    )
    counts = {
        name: statements_per_submission(pg, db, subs[name], run.args.statements)
        for name, db in (("tuntas", "tuntas"), ("bare", "bare"), ("helpdesk", "helpdesk"))
    }

    for name, c in counts.items():
        print(f"statements per {name} submission:\n  " + "\n  ".join(c[3]), flush=True)

    def fmt(c: tuple[float, float, float, list[str]]) -> str:
        return f"{c[0]:.1f} ({c[1]:.1f} of them BEGIN/COMMIT/SAVEPOINT)"

    run.add(
        Row(
            "Statements per submission",
            fmt(counts["tuntas"]),
            fmt(counts["bare"]),
            fmt(counts["helpdesk"]),
            f"{ratio(counts['tuntas'][0], counts['bare'][0])} bare",
        )
    )
    run.add(
        Row(
            "Transactions committed per submission (each autocommit statement is one)",
            f"{counts['tuntas'][2]:.1f}",
            f"{counts['bare'][2]:.1f}",
            f"{counts['helpdesk'][2]:.1f}",
        )
    )


def staff_pages(run: Run, server: Gunicorn, pg: Postgres) -> None:
    n = run.args.requests
    sessions = {u: Client(server).login_session(u) for u in PERSONAS}
    tokens = {u: Client(server).login_token(u) for u in PERSONAS}

    def timed(label: str, client: Client, path: str, target: float) -> float:
        p50, p95 = page_times(client, path, n)
        run.add(
            Row(
                label,
                f"p50 {ms(p50)}, p95 {ms(p95)}",
                target=f"≤ {target:.0f} ms",
                ok=p50 <= target,
            )
        )
        return p50

    for user, who in PERSONAS.items():
        timed(f"Staff inbox `/petugas/`, {who}", sessions[user], "/petugas/", 50)
    for user, who in PERSONAS.items():
        timed(f"`GET /api/staff/reports/`, {who}", tokens[user], "/api/staff/reports/", 50)
    for user, who in PERSONAS.items():
        timed(
            f"`GET /api/staff/reports/?overdue=true`, {who}",
            tokens[user],
            "/api/staff/reports/?overdue=true",
            50,
        )
    q = urllib.parse.quote(RARE_TITLE)
    for user in (COORDINATOR, NATIONAL):
        timed(
            f"Inbox title search (`?q={RARE_TITLE}`), {PERSONAS[user]}",
            sessions[user],
            f"/petugas/?q={q}",
            200,
        )
    anonymous = Client(server)
    timed("Public list page `/laporan-publik/`", anonymous, "/laporan-publik/", 50)
    timed("Public list API `/api/public/reports/`", anonymous, "/api/public/reports/", 50)
    # What PostgreSQL's JIT costs the inbox (the recommended setting is off). A database's
    # own setting wins over the server's command line; new connections take it.
    with psycopg.connect(pg.dsn("postgres"), autocommit=True) as conn:
        conn.execute("ALTER DATABASE tuntas SET jit = on")
    server.restart()
    coordinator = Client(server).login_session(COORDINATOR)
    p50, p95 = page_times(coordinator, "/petugas/", max(3, n // 3))
    with psycopg.connect(pg.dsn("postgres"), autocommit=True) as conn:
        conn.execute("ALTER DATABASE tuntas RESET jit")
    server.restart()
    run.add(
        Row(
            "Staff inbox, Kapuas coordinator, with `jit = on` (not recommended)",
            f"p50 {ms(p50)}, p95 {ms(p95)}",
        )
    )


def kpi_and_exports(run: Run, server: Gunicorn, pg: Postgres) -> None:
    today = date.today()
    period = f"date_from={(today - timedelta(days=365)).isoformat()}&date_to={today.isoformat()}"
    n = max(3, run.args.requests // 4)
    for user, who in ((COORDINATOR, "Pemda (Kapuas)"), (NATIONAL, "national")):
        client = Client(server).login_session(user)
        p50, p95 = page_times(client, f"/petugas/kinerja/?{period}", n)
        run.add(
            Row(
                f"KPI dashboard, {who}, one year",
                f"p50 {ms(p50)}, p95 {ms(p95)}",
                target="≤ 300 ms",
                ok=p50 <= 300,
            )
        )
    national = Client(server).login_session(NATIONAL)
    month = f"date_from={(today - timedelta(days=30)).isoformat()}&date_to={today.isoformat()}"
    p50, _ = page_times(national, f"/petugas/kinerja/ekspor/pdf/?{month}&pemda=bench-01", 3)
    run.add(
        Row(
            "KPI PDF, one Pemda, one month (demo size)",
            f"{p50 / 1000:.2f} s",
            target="≤ 3 s",
            ok=p50 <= 3000,
        )
    )
    # The renderer alone at the target's size (bench/exports.py: 100,000 rows x 10 columns).
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "bench/exports.py", "xlsx:100000"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    wall = float(re.search(r"([\d.]+) s wall", out).group(1))  # type: ignore[union-attr]
    run.add(
        Row(
            "XLSX export, 100,000 rows × 10 columns (renderer)",
            f"{wall:.1f} s",
            target="≤ 8 s",
            ok=wall <= 8,
        )
    )
    quarterly(run, server, pg)


def quarterly(run: Run, server: Gunicorn, pg: Postgres) -> None:
    """The Kapuas coordinator compiles the last full quarter and downloads its XLSX."""
    today = date.today()
    q = (today.month - 1) // 3  # the previous quarter, 1-4
    year = today.year if q else today.year - 1
    q = q or 4
    with psycopg.connect(pg.dsn("tuntas")) as conn:
        row = conn.execute(
            "SELECT id FROM organisations_organisation WHERE code = 'kapuas'"
        ).fetchone()
        assert row is not None
        kapuas = row[0]
        first = date(year, 3 * q - 2, 1)
        end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
        count = conn.execute(
            "SELECT count(*) FROM reports_report WHERE pemda_id = %s"
            " AND created_at >= %s AND created_at < %s",
            [kapuas, first, end],
        ).fetchone()
    client = Client(server).login_session(COORDINATOR)
    token = client.http.cookies.get("csrftoken", "")
    started = time.monotonic()
    response = client.http.post(
        client.url("/petugas/pengawasan/triwulan/"),
        data={
            "pemda": kapuas,
            "year": year,
            "quarter": q,
            "notes": "",
            "csrfmiddlewaretoken": token,
        },
        headers={"Referer": client.url("/petugas/pengawasan/triwulan/")},
        allow_redirects=False,
        timeout=600,
    )
    compiled = time.monotonic() - started
    if response.status_code != 302:
        run.notes.append(f"Quarterly compile answered {response.status_code}; export not timed.")
        return
    detail = response.headers["Location"].rstrip("/")
    offset = server.access_log.stat().st_size
    for _ in range(2):
        client.get(f"{detail}/ekspor/xlsx/")
    time.sleep(0.3)
    times, _ = server_times(server, offset)
    export = statistics.median(times) / 1000
    rows = count[0] if count else 0
    run.add(
        Row(
            f"Quarterly report, Kab. Kapuas {year} Q{q} ({rows:,} reports): compile, then XLSX",
            f"{compiled:.1f} s + {export:.1f} s",
            target="≤ 8 s",
            ok=compiled + export <= 8,
        )
    )


def sweep(run: Run, env: dict[str, str]) -> None:
    due = 20000 if not run.args.quick else 2000
    out = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            "bench/sweep.py",
            "--repeat",
            "10",
            "--arm",
            str(due),
        ],
        cwd=ROOT,
        env={**env, "TUNTAS_DEBUG": "true", "TUNTAS_BROKER_URL": "memory://"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    print(out, flush=True)
    m = re.search(r"many due: ([\d,]+) actions in ([\d.]+) s = ([\d,]+) actions/s", out)
    nothing = re.search(r"nothing due: median ([\d.]+) ms", out)
    assert m is not None and nothing is not None, out
    rate = float(m.group(3).replace(",", ""))
    run.add(
        Row(
            f"Clock sweep, {m.group(1)} due, one worker (actions/s)",
            f"{rate:,.0f}/s (nothing due: {nothing.group(1)} ms)",
            target="≥ 1,150/s (keep)",
            ok=rate >= 1150,
        )
    )


def request_mix(name: str, server: Gunicorn, sub: Submitter) -> list[Callable[[], object]]:
    """What the memory test sends to each system, in turn."""
    if name == "bare":
        return [sub.send]
    if name == "helpdesk":
        http = requests.Session()
        return [sub.send, lambda: http.get(server.base + "/helpdesk/")]
    liaison = Client(server).login_session(LIAISON)
    api = Client(server).login_token(LIAISON)
    public = Client(server)
    return [
        sub.send,
        lambda: public.get("/api/public/reports/"),
        lambda: public.get("/laporan-publik/"),
        lambda: api.get("/api/staff/reports/"),
        sub.send,
        lambda: liaison.get("/petugas/"),
        lambda: public.get("/"),
        lambda: api.get("/api/staff/reports/?overdue=true"),
    ]


def memory(run: Run, servers: dict[str, Gunicorn], subs: dict[str, Submitter]) -> None:
    """Fresh workers, 1,000 mixed requests each, then the largest worker's RSS."""
    total = 1000 if not run.args.quick else 200
    sizes: dict[str, float] = {}
    for name, server in servers.items():
        server.restart()
        subs[name] = SUBMITTERS[name](server)
        mix = request_mix(name, server, subs[name])
        deadline = time.monotonic() + run.args.memory_seconds
        done = 0
        while done < total and time.monotonic() < deadline:
            mix[done % len(mix)]()
            done += 1
        sizes[name] = max(server.worker_rss_mb())
        if done < total:
            run.notes.append(f"{name}: memory measured after {done} requests (time limit).")
    t = sizes["tuntas"]
    run.add(
        Row(
            "Web worker RSS after 1,000 mixed requests",
            f"{t:.0f} MB",
            f"{sizes['bare']:.0f} MB",
            f"{sizes['helpdesk']:.0f} MB",
            f"{ratio(t, sizes['bare'])} bare",
            "≤ 120 MB",
            t <= 120,
        )
    )


# ---------------------------------------------------------------------------- report


def git_commit() -> str:
    out = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "tuntas"], cwd=ROOT, capture_output=True, text=True
    )
    return out.stdout.strip() + (" (tuntas/ modified)" if dirty.stdout.strip() else "")


def render(run: Run, loads: list[str]) -> str:
    a = run.args
    lines = [
        BEGIN,
        "",
        f"Measured by `bench/run_all --reports {a.reports}{' --quick' if a.quick else ''}"
        f" --workers {a.workers}` on {datetime.now():%Y-%m-%d %H:%M}, commit {git_commit()},"
        f" in {(time.monotonic() - run.started) / 60:.0f} min. Load average (/proc/loadavg:"
        f" at the start, after the data, after each stage) {', '.join(loads)}. gunicorn"
        f" with {a.workers} sync workers for each system, one"
        f" PostgreSQL 15 server (durable settings, `jit = off`, see below), Redis for Tuntas's"
        f" task queue and cache; `wrk` with {2 * a.workers} connections for {a.duration} s per"
        f" system; page times are server-side (gunicorn's access log), {a.requests} requests"
        " after one warm-up; *pass* = the median within the target.",
        "",
        "| Measurement | Tuntas | Bare Django 5.2 | django-helpdesk 2.6.1 | Ratio | Target | |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in run.rows:
        mark = {True: "pass", False: "**miss**", None: ""}[r.ok]
        lines.append(
            f"| {r.label} | {r.tuntas} | {r.bare} | {r.helpdesk} | {r.ratio} | {r.target}"
            f" | {mark} |"
        )
    lines += [""] + [f"- {note}" for note in run.notes] + ["", END]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    doc = DOCS.read_text()
    if BEGIN in doc and END in doc:
        head, rest = doc.split(BEGIN, 1)
        _, tail = rest.split(END, 1)
        doc = head + text + tail
    else:
        doc = doc.rstrip() + "\n\n## National scale: the whole table in one run\n\n" + text + "\n"
    DOCS.write_text(doc)


def loadavg() -> str:
    return Path("/proc/loadavg").read_text().split(" ")[0]


# ---------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reports", type=int, default=None, help="default 1,000,000 (--quick: 20,000)"
    )
    parser.add_argument("--quick", action="store_true", help="small data, short runs")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per system")
    parser.add_argument("--duration", type=int, default=None, help="seconds of load per system")
    parser.add_argument("--requests", type=int, default=None, help="requests per page timing")
    parser.add_argument("--statements", type=int, default=50, help="submissions counted")
    parser.add_argument("--memory-seconds", type=int, default=600, help="time limit per system")
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite docs/performance.md")
    parser.add_argument(
        "--existing",
        type=int,
        metavar="PORT",
        help="development: use the running server on PORT (its tuntas database already"
        " generated, pg_stat_statements preloaded) instead of a new one",
    )
    args = parser.parse_args()
    args.reports = args.reports or (20_000 if args.quick else 1_000_000)
    args.duration = args.duration or (5 if args.quick else 30)
    args.requests = args.requests or (5 if args.quick else 20)
    run = Run(args)
    # A stopped run still stops its servers (the ``finally`` below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    loads = [loadavg()]
    work = Path(tempfile.mkdtemp(prefix="tuntas-bench-run."))
    pg = Postgres(existing=args.existing)
    redis: Redis | None = None
    servers: dict[str, Gunicorn] = {}
    try:
        redis = Redis()
        static = ROOT / "var" / "bench" / "static"
        env = tuntas_env(pg, redis, static)
        if args.existing:
            for db in ("bare", "helpdesk"):
                with psycopg.connect(pg.dsn("tuntas"), autocommit=True) as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {db}")
                pg.createdb(db)
        else:
            pg.start(PG_LOAD)
            for db in ("tuntas", "bare", "helpdesk"):
                pg.createdb(db)
            generate(run, pg, env)
            loads.append(loadavg())
            log("restarting PostgreSQL with durable settings")
            with psycopg.connect(pg.dsn("tuntas"), autocommit=True) as conn:
                conn.execute("CHECKPOINT")
            pg.restart(PG_SERVE)
        with psycopg.connect(pg.dsn("tuntas"), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT, env=env, check=True,
        )  # fmt: skip
        servers = start_servers(args, pg, env, work)
        subs = {name: SUBMITTERS[name](server) for name, server in servers.items()}
        stages: list[tuple[str, Callable[[], None]]] = [
            ("submissions", lambda: submissions(run, pg, subs, work)),
            ("staff pages", lambda: staff_pages(run, servers["tuntas"], pg)),
            ("KPI and exports", lambda: kpi_and_exports(run, servers["tuntas"], pg)),
            ("sweep", lambda: sweep(run, env)),
            ("memory", lambda: memory(run, servers, subs)),
        ]
        for name, stage in stages:
            log(f"stage: {name} (load {loadavg()})")
            try:
                stage()
            except Exception as exc:  # one broken stage must not lose the others' figures
                log(f"stage {name} failed: {exc!r}")
                run.notes.append(f"The {name} stage failed: `{exc!r}`"[:300])
            loads.append(loadavg())
    finally:
        for server in servers.values():
            server.stop()
        if redis is not None:
            redis.stop()
        if not args.existing:
            pg.destroy()
    text = render(run, loads)
    print(text)
    if not args.no_docs:
        write_docs(text)
        log(f"wrote {DOCS.relative_to(ROOT)}")
    log(f"total {(time.monotonic() - run.started) / 60:.1f} min; server logs in {work}")


def start_servers(
    args: argparse.Namespace, pg: Postgres, env: dict[str, str], work: Path
) -> dict[str, Gunicorn]:
    cache = ROOT / "var" / "bench" / "venvs"
    log("virtualenvs for bare Django and django-helpdesk")
    bare_py = venv(cache, "bare", [DJANGO, PSYCOPG, GUNICORN])
    hd_py = venv(cache, "helpdesk", [DJANGO, HELPDESK, PSYCOPG, GUNICORN])
    other_env = {k: v for k, v in os.environ.items() if not k.startswith("TUNTAS_")}
    other_env["BENCH_PG_PORT"] = str(pg.port)
    bare_dir, hd_dir = work / "bare", work / "helpdesk"
    write_project(bare_dir, BARE_FILES)
    write_project(hd_dir, HELPDESK_FILES)
    manage(bare_py, bare_dir, "bare.settings", other_env, "makemigrations", "bare")
    manage(bare_py, bare_dir, "bare.settings", other_env, "migrate")
    manage(hd_py, hd_dir, "hd.settings", other_env, "migrate")
    manage(hd_py, hd_dir, "hd.settings", other_env, "loaddata", "emailtemplate.json")
    manage(hd_py, hd_dir, "hd.settings", other_env, "shell", "-c", HELPDESK_SETUP)
    manage(hd_py, hd_dir, "hd.settings", other_env, "collectstatic", "--noinput")
    for db in ("bare", "helpdesk"):
        with psycopg.connect(pg.dsn(db), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    servers = {
        "tuntas": Gunicorn(
            "tuntas", ROOT / ".venv" / "bin" / "python", "tuntas.wsgi:application",
            cwd=ROOT, env=env, workers=args.workers, log_dir=work,
        ),
        "bare": Gunicorn(
            "bare", bare_py, "bare.wsgi:application",
            cwd=bare_dir, env=other_env, workers=args.workers, log_dir=work,
        ),
        "helpdesk": Gunicorn(
            "helpdesk", hd_py, "hd.wsgi:application",
            cwd=hd_dir, env=other_env, workers=args.workers, log_dir=work,
        ),
    }  # fmt: skip
    for server in servers.values():
        server.start()
    return servers


if __name__ == "__main__":
    main()
