"""Private servers for the benchmark suite: PostgreSQL 15, Redis, gunicorn, and the two
comparison projects (bare Django 5.2, django-helpdesk) in their own virtualenvs."""

# Starting the servers and tools this suite runs (fixed commands, no user input).
# ruff: noqa: S603, S607

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DJANGO = "django>=5.2,<5.3"
PSYCOPG = "psycopg[binary]>=3.2,<3.4"
GUNICORN = "gunicorn>=23,<28"
HELPDESK = "django-helpdesk==2.6.1"  # the newest on PyPI; supports Django 5.2

# Durable settings and what docs/performance.md recommends for production (see there).
PG_SERVE = {
    "shared_buffers": "1GB",
    "effective_cache_size": "8GB",
    "work_mem": "32MB",
    "maintenance_work_mem": "512MB",
    "max_wal_size": "8GB",
    "random_page_cost": "1.1",
    "effective_io_concurrency": "200",
    "jit": "off",
    "shared_preload_libraries": "pg_stat_statements",
    "max_connections": "100",
}
# Loading throw-away data: nothing needs to survive a crash.
PG_LOAD = {
    **PG_SERVE,
    "fsync": "off",
    "full_page_writes": "off",
    "synchronous_commit": "off",
    "autovacuum": "off",
    "max_wal_size": "16GB",
    "checkpoint_timeout": "1h",
    "maintenance_work_mem": "1GB",
    "max_parallel_maintenance_workers": "2",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for_port(
    port: int, timeout: float = 60.0, proc: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening on {port}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port} after {timeout:.0f} s")


class Postgres:
    """A private PostgreSQL 15 cluster in a temporary directory (run as an unprivileged
    user when we are root, as initdb requires)."""

    def __init__(self, existing: int | None = None) -> None:
        self.port = existing or free_port()
        self.user: str | None = None
        if existing:  # a running server (development of the suite)
            self.dir = Path()
            return
        self.dir = Path(tempfile.mkdtemp(prefix="tuntas-bench-pg."))
        if os.geteuid() == 0:
            self.user = "tuntasci"
            if subprocess.run(["id", self.user], capture_output=True).returncode != 0:
                subprocess.run(
                    [
                        "useradd",
                        "--system",
                        "--no-create-home",
                        "--shell",
                        "/usr/sbin/nologin",
                        self.user,
                    ],
                    check=True,
                )
            shutil.chown(self.dir, self.user)
        self._run(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(self.dir / "data"),
                "-U",
                "tuntas",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
            ]
        )

    def _run(self, cmd: list[str]) -> None:
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    def start(self, settings: Mapping[str, str]) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} " + " ".join(
            f"-c {k}={v}" for k, v in settings.items()
        )
        self._run(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.dir / "data"),
                "-l",
                str(self.dir / "server.log"),
                "-w",
                "-o",
                options,
                "start",
            ]
        )

    def stop(self) -> None:
        self._run(
            [str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop"]
        )

    def restart(self, settings: Mapping[str, str]) -> None:
        self.stop()
        self.start(settings)

    def createdb(self, name: str) -> None:
        subprocess.run(
            [
                str(PG_BIN / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "tuntas",
                name,
            ],
            check=True,
        )

    def dsn(self, db: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=tuntas dbname={db}"

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class Redis:
    def __init__(self) -> None:
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="tuntas-bench-redis."))
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, proc=self.proc)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


class Gunicorn:
    """``gunicorn`` serving ``app`` with ``workers`` sync workers; the access log records
    each request's server-side time in microseconds."""

    LOG_FORMAT = "%(m)s %(U)s?%(q)s %(s)s %(D)s"

    def __init__(
        self,
        name: str,
        python: Path,
        app: str,
        *,
        cwd: Path,
        env: Mapping[str, str],
        workers: int,
        log_dir: Path,
    ) -> None:
        self.name = name
        self.port = free_port()
        self.access_log = log_dir / f"{name}-access.log"
        self.error_log = log_dir / f"{name}-error.log"
        self.cmd = [
            str(python), "-m", "gunicorn", app,
            "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(workers),
            "--access-logfile", str(self.access_log),
            "--access-logformat", self.LOG_FORMAT,
            "--error-logfile", str(self.error_log),
            "--timeout", "300",
        ]  # fmt: skip
        self.cwd, self.env = cwd, dict(env)
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.access_log.write_text("")
        self.proc = subprocess.Popen(self.cmd, cwd=self.cwd, env=self.env)
        wait_for_port(self.port, proc=self.proc)
        time.sleep(1.0)  # every worker booted

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=30)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        assert self.proc is not None
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.proc.pid)], capture_output=True, text=True
        ).stdout
        return [int(p) for p in out.split()]

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes


# ---------------------------------------------------------------------------- comparison projects


def venv(cache: Path, name: str, packages: list[str]) -> Path:
    """A virtualenv under ``cache`` with ``packages`` (made once; reused when it matches)."""
    path = cache / name
    stamp = path / "bench-packages.txt"
    wanted = "\n".join(packages)
    if stamp.exists() and stamp.read_text() == wanted:
        return path / "bin" / "python"
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)
    subprocess.run(
        [str(path / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", *packages],
        check=True,
    )
    stamp.write_text(wanted)
    return path / "bin" / "python"


COMMON_SETTINGS = """
import os
SECRET_KEY = "bench-" + "x" * 50
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {{"default": {{
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "{db}", "USER": "tuntas", "HOST": "127.0.0.1", "PORT": os.environ["BENCH_PG_PORT"],
    "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True,
}}}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(os.path.dirname(__file__), "static")
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
LOGGING = {{"version": 1, "disable_existing_loggers": False,
           "root": {{"handlers": [], "level": "WARNING"}}}}
"""

BARE_FILES = {
    "bare/__init__.py": "",
    "bare/settings.py": COMMON_SETTINGS.format(db="bare")
    + textwrap.dedent(
        """
        INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "bare"]
        MIDDLEWARE = [
            "django.middleware.security.SecurityMiddleware",
            "django.middleware.common.CommonMiddleware",
        ]
        ROOT_URLCONF = "bare.urls"
        """
    ),
    "bare/models.py": textwrap.dedent(
        """
        from django.db import models


        class Report(models.Model):
            title = models.CharField(max_length=200)
            description = models.TextField()
            created_at = models.DateTimeField(auto_now_add=True)
        """
    ),
    "bare/urls.py": textwrap.dedent(
        """
        import json

        from django.http import JsonResponse
        from django.urls import path
        from django.views.decorators.csrf import csrf_exempt

        from bare.models import Report


        @csrf_exempt
        def submit(request):
            data = json.loads(request.body)
            report = Report.objects.create(title=data["title"], description=data["description"])
            return JsonResponse({"id": report.pk}, status=201)


        urlpatterns = [path("reports/", submit)]
        """
    ),
    "bare/wsgi.py": textwrap.dedent(
        """
        import os

        from django.core.wsgi import get_wsgi_application

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bare.settings")
        application = get_wsgi_application()
        """
    ),
    "bare/migrations/__init__.py": "",
}

HELPDESK_FILES = {
    "hd/__init__.py": "",
    "hd/settings.py": COMMON_SETTINGS.format(db="helpdesk")
    + textwrap.dedent(
        """
        INSTALLED_APPS = [
            "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
            "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
            "django.contrib.sites", "django.contrib.humanize", "rest_framework", "helpdesk",
        ]
        SITE_ID = 1
        MIDDLEWARE = [
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ]
        ROOT_URLCONF = "hd.urls"
        TEMPLATES = [{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [], "APP_DIRS": True,
            "OPTIONS": {"context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]},
        }]
        HELPDESK_TEAMS_MODE_ENABLED = False
        HELPDESK_PUBLIC_TICKET_QUEUE = "public"
        HELPDESK_PUBLIC_TICKET_PRIORITY = 3
        HELPDESK_PUBLIC_TICKET_DUE_DATE = None
        LOGIN_URL = "/helpdesk/login/"
        """
    ),
    "hd/urls.py": textwrap.dedent(
        """
        from django.urls import include, path

        urlpatterns = [path("helpdesk/", include("helpdesk.urls", namespace="helpdesk"))]
        """
    ),
    "hd/wsgi.py": textwrap.dedent(
        """
        import os

        from django.core.wsgi import get_wsgi_application

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hd.settings")
        application = get_wsgi_application()
        """
    ),
}

HELPDESK_SETUP = """
from helpdesk.models import Queue
Queue.objects.get_or_create(slug="public", defaults={
    "title": "Pengaduan", "allow_public_submission": True, "email_address": "hd@example.invalid"})
"""


def write_project(directory: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def manage(
    python: Path, directory: Path, settings: str, env: Mapping[str, str], *args: str
) -> None:
    subprocess.run(
        [
            str(python),
            "-c",
            "import sys; from django.core.management import execute_from_command_line as e;"
            " e(sys.argv)",
            *args,
        ],
        cwd=directory,
        env={**env, "DJANGO_SETTINGS_MODULE": settings, "PYTHONPATH": str(directory)},
        check=True,
        stdout=subprocess.DEVNULL,
    )
