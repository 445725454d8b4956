"""The outbox claim lease comes from TUNTAS_OUTBOX_CLAIM_SECONDS (the fault test sets 5 s)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = (
    "import django; django.setup(); "
    "from tuntas.outbox.delivery import CLAIM_LEASE; print(CLAIM_LEASE.total_seconds())"
)


def lease_with(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TUNTAS_", "DJANGO_"))}
    clean.update(
        DJANGO_SETTINGS_MODULE="tuntas.settings", TUNTAS_DEBUG="true", TUNTAS_DATABASE="sqlite"
    )
    clean.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", CODE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_lease_is_five_minutes_unless_set():
    result = lease_with()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "300.0"


def test_the_lease_is_read_from_the_environment():
    result = lease_with(TUNTAS_OUTBOX_CLAIM_SECONDS="5")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "5.0"


def test_a_lease_under_one_second_or_not_a_number_stops_the_start():
    for raw in ("0", "5s"):
        result = lease_with(TUNTAS_OUTBOX_CLAIM_SECONDS=raw)
        assert result.returncode != 0
        assert "TUNTAS_OUTBOX_CLAIM_SECONDS" in result.stderr


TIMEOUTS = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.TUNTAS_WEBHOOKS_TIMEOUT_SECONDS, s.TUNTAS_FEDERATION_TIMEOUT_SECONDS)"
)


def test_a_short_lease_shortens_the_machine_call_timeouts_and_refuses_longer_ones():
    """The fault test's 5 s lease must still start: webhook and peer calls default to half."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TUNTAS_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tuntas.settings",
        TUNTAS_DEBUG="true",
        TUNTAS_DATABASE="sqlite",
        TUNTAS_OUTBOX_CLAIM_SECONDS="5",
    )

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(  # noqa: S603
            [sys.executable, "-c", TIMEOUTS],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    ok = run()
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.split() == ["2", "2"]
    env["TUNTAS_WEBHOOKS_TIMEOUT_SECONDS"] = "4"
    refused = run()
    assert refused.returncode != 0
    assert "TUNTAS_WEBHOOKS_TIMEOUT_SECONDS" in refused.stderr
