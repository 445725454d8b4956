"""Settings come from TUNTAS_* variables; malformed or missing production values stop the start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tuntas.core.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "value"),
    [("true", True), ("1", True), ("YES", True), (" on ", True), ("false", False), ("0", False)],
)
def test_booleans_accept_the_usual_spellings(monkeypatch, raw, value):
    monkeypatch.setenv("TUNTAS_X", raw)
    assert env_bool("TUNTAS_X", not value) is value


def test_booleans_fall_back_to_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("TUNTAS_X", raising=False)
    assert env_bool("TUNTAS_X", True) is True


def test_a_malformed_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("TUNTAS_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="TUNTAS_X"):
        env_bool("TUNTAS_X", False)


def test_integers_are_parsed_and_malformed_ones_refused(monkeypatch):
    monkeypatch.setenv("TUNTAS_X", "42")
    assert env_int("TUNTAS_X", 1) == 42
    monkeypatch.setenv("TUNTAS_X", "")
    assert env_int("TUNTAS_X", 7) == 7
    monkeypatch.setenv("TUNTAS_X", "forty")
    with pytest.raises(ImproperlyConfigured, match="TUNTAS_X"):
        env_int("TUNTAS_X", 1)


def test_lists_are_comma_separated_and_trimmed(monkeypatch):
    monkeypatch.setenv("TUNTAS_X", " a.example, b.example ,,")
    assert env_list("TUNTAS_X", []) == ["a.example", "b.example"]
    monkeypatch.delenv("TUNTAS_X")
    assert env_list("TUNTAS_X", ["default"]) == ["default"]
    assert env_str("TUNTAS_X", "fallback") == "fallback"


def import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    """Import tuntas.settings in a fresh interpreter with only the given TUNTAS_* variables."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TUNTAS_", "DJANGO_"))}
    clean.update(env)
    code = (
        "import tuntas.settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.DEBUG, len(s.SECRET_KEY))"
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = import_settings(TUNTAS_DATABASE="postgres")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "TUNTAS_SECRET_KEY" in result.stderr


def test_settings_refuse_an_unknown_database():
    result = import_settings(TUNTAS_SECRET_KEY="k" * 60, TUNTAS_DATABASE="mysql")
    assert result.returncode != 0
    assert "TUNTAS_DATABASE must be 'postgres' or 'sqlite'" in result.stderr


def test_settings_refuse_a_malformed_debug_flag():
    result = import_settings(TUNTAS_SECRET_KEY="k" * 60, TUNTAS_DEBUG="sometimes")
    assert result.returncode != 0
    assert "TUNTAS_DEBUG must be a boolean" in result.stderr


def test_production_defaults_are_postgres_without_debug():
    result = import_settings(TUNTAS_SECRET_KEY="k" * 60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "False", "60"]


def test_the_embedded_setup_runs_on_sqlite_with_a_development_key():
    result = import_settings(TUNTAS_DEBUG="true", TUNTAS_DATABASE="sqlite")
    assert result.returncode == 0, result.stderr
    engine, debug, key_length = result.stdout.split()
    assert (engine, debug) == ("django.db.backends.sqlite3", "True")
    assert int(key_length) >= 50


def test_code_only_commands_run_on_a_bare_checkout_without_secrets():
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TUNTAS_", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout
    # A command that serves or signs still refuses without the key.
    served = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert served.returncode != 0
    assert "TUNTAS_SECRET_KEY" in served.stderr
