"""manage.py runall: which processes it starts and how it stops them (no real server)."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest
from django.core.management.base import CommandError
from django.test import override_settings

from tuntas.demo.management.commands import runall
from tuntas.demo.management.commands.runall import (
    Child,
    Supervisor,
    build_commands,
    build_kpi,
    demo_logins,
    exit_status,
    format_table,
    port_from_env,
    runtime_folders,
)


def commands(port: int = 8000) -> dict[str, list[str]]:
    children = build_commands(
        python="/venv/bin/python",
        manage=Path("/src/manage.py"),
        host="127.0.0.1",
        port=port,
        schedule_file="/src/var/celerybeat-schedule",
    )
    return {c.name: c.argv for c in children}


def test_it_starts_the_web_server_without_autoreload_on_the_given_port():
    assert commands(8123)["web"] == [
        "/venv/bin/python",
        "/src/manage.py",
        "runserver",
        "127.0.0.1:8123",
        "--noreload",
    ]


def test_it_starts_one_celery_worker_with_embedded_beat_and_a_solo_pool():
    worker = commands()["worker"]
    assert worker[:6] == ["/venv/bin/python", "-m", "celery", "-A", "tuntas", "worker"]
    assert "--beat" in worker
    assert "--pool=solo" in worker
    assert "--loglevel=info" in worker
    assert "--schedule-filename=/src/var/celerybeat-schedule" in worker


def test_only_web_and_worker_are_started():
    assert sorted(commands()) == ["web", "worker"]


@pytest.mark.parametrize(
    ("environ", "port"),
    [({}, 8000), ({"TUNTAS_PORT": ""}, 8000), ({"TUNTAS_PORT": "8081"}, 8081)],
)
def test_port_comes_from_tuntas_port_or_defaults_to_8000(environ, port):
    assert port_from_env(environ) == port


@pytest.mark.parametrize("bad", ["http", "0", "70000", "80.5"])
def test_a_bad_tuntas_port_is_refused_with_a_clear_message(bad):
    with pytest.raises(CommandError, match="TUNTAS_PORT"):
        port_from_env({"TUNTAS_PORT": bad})


def test_runtime_folders_include_the_filesystem_queue_and_mail_folders(tmp_path):
    queue = tmp_path / "queue"
    with override_settings(
        CELERY_BROKER_TRANSPORT_OPTIONS={
            "data_folder_in": str(queue / "out"),
            "data_folder_out": str(queue / "out"),
            "processed_folder": str(queue / "processed"),
        },
        CELERY_BEAT_SCHEDULE_FILENAME=str(tmp_path / "beat" / "schedule"),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
    ):
        folders = runtime_folders()
    assert queue / "out" in folders
    assert queue / "processed" in folders
    assert tmp_path / "beat" in folders
    assert tmp_path / "mail" in folders
    assert len(folders) == len(set(folders))


def test_runtime_folders_leave_out_mail_when_mail_is_not_written_to_files(tmp_path):
    with override_settings(
        CELERY_BROKER_TRANSPORT_OPTIONS={},
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
    ):
        assert tmp_path / "mail" not in runtime_folders()


def test_demo_logins_list_every_persona_with_role_and_organisation(demo):
    rows = {username: (role, org) for username, role, org in demo_logins()}
    assert set(rows) == set(demo.users)
    assert rows["kapuas.koordinator"][1] == "Kab. Kapuas"
    assert "Admin Koordinator" in rows["kapuas.koordinator"][0]
    assert rows["kapuas.pupr.staf"] == ("Staf Bidang/Seksi", "Bidang Bina Marga")
    assert rows["warga"][1] == "-"


@pytest.mark.django_db
def test_demo_logins_are_empty_before_the_demo_is_loaded():
    assert demo_logins() == []


def test_the_logins_table_is_aligned():
    table = format_table([("warga", "Pelapor", "-"), ("kapuas.koordinator", "Admin", "Kapuas")])
    lines = table.splitlines()
    assert lines[0].split() == ["username", "role", "organisation"]
    starts = {
        line.index("Pelapor") if "Pelapor" in line else line.index("Admin") for line in lines[2:]
    }
    assert len(starts) == 1


@pytest.mark.parametrize(("returncode", "status"), [(0, 1), (3, 3), (-15, 143), (-9, 137)])
def test_a_child_that_stops_on_its_own_makes_runall_fail(returncode, status):
    assert exit_status(returncode) == status


def sleeper(name: str, seconds: float) -> Child:
    return Child(name, [sys.executable, "-c", f"import time; time.sleep({seconds})"])


def test_when_one_child_dies_the_others_are_stopped():
    supervisor = Supervisor(
        [sleeper("web", 60), Child("worker", [sys.executable, "-c", "raise SystemExit(3)"])]
    )
    supervisor.start()
    started = time.monotonic()
    code, first = supervisor.wait(poll=0.05)
    assert (code, first) == (3, "worker")
    assert all(p.poll() is not None for p in supervisor.procs)
    assert time.monotonic() - started < 10


def test_a_stop_signal_is_forwarded_to_every_child():
    supervisor = Supervisor([sleeper("web", 60), sleeper("worker", 60)])
    supervisor.start()
    supervisor.request_stop(signal.SIGTERM)
    code, first = supervisor.wait(poll=0.05)
    assert (code, first) == (0, None)
    assert [p.returncode for p in supervisor.procs] == [-signal.SIGTERM, -signal.SIGTERM]


def test_the_kpi_figures_are_built_before_anything_serves(demo, monkeypatch):
    """/statistik/ shows the demo reports as soon as the product answers, not "Belum ada
    laporan" until the worker's first refresh."""
    from django.core.management import call_command
    from django.utils import timezone

    from tests.conftest import client_for
    from tuntas.demo.samples import load_samples

    load_samples(demo)
    year = str(timezone.localdate().year)

    def rows() -> int:
        page = client_for(None).get("/statistik/", {"year": year})
        return sum(r.total for r in page.context["rows"])

    assert rows() == 0  # the sample reports exist, their facts do not yet
    seen: list[int] = []
    monkeypatch.setattr(Supervisor, "start", lambda self: seen.append(rows()))
    monkeypatch.setattr(Supervisor, "wait", lambda self, poll=0.3: (0, None))
    monkeypatch.setattr(runall, "wait_for_port", lambda host, port, procs: False)
    monkeypatch.setattr(runall, "runtime_folders", list)
    monkeypatch.setattr(signal, "signal", lambda signum, handler: None)
    call_command("runall", "--port", "8765")
    assert seen and seen[0] > 0  # built before the web server was started


def test_a_database_that_cannot_be_read_does_not_stop_the_start(monkeypatch):
    from django.db import DatabaseError

    def broken(**kwargs):
        raise DatabaseError("no such table: kpi_reportfact")

    monkeypatch.setattr("tuntas.kpi.facts.refresh_changed", broken)
    assert "the worker will refresh them" in build_kpi()
