"""The security settings refuse what would weaken production."""

from __future__ import annotations

import pytest

from tests.setup.test_settings_env import import_settings

KEY = "k" * 60


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TUNTAS_2FA_DEMO_RELAXED": "true"}, "TUNTAS_2FA_DEMO_RELAXED is only for the embedded"),
        ({"TUNTAS_2FA_REQUIRED_ROLES": "superuser,kepala"}, "unknown roles kepala"),
        ({"TUNTAS_PROXY_COUNT": "1"}, "TUNTAS_PROXY_COUNT needs TUNTAS_BEHIND_PROXY=true"),
        ({"TUNTAS_BEHIND_PROXY": "true", "TUNTAS_PROXY_COUNT": "-1"}, "between 0 and 5"),
        ({"TUNTAS_ACCESS_CODE_KEYS": "pendek"}, "32+ characters"),
        ({"TUNTAS_API_TOKEN_DAYS": "0"}, "TUNTAS_API_TOKEN_DAYS"),
        ({"TUNTAS_SIGN_IN_MAX_FAILURES": "0"}, "TUNTAS_SIGN_IN_MAX_FAILURES must be"),
        ({"TUNTAS_STAFF_IDLE_MINUTES": "0"}, "TUNTAS_STAFF_IDLE_MINUTES"),
    ],
)
def test_weakening_values_are_refused(env, message):
    result = import_settings(TUNTAS_SECRET_KEY=KEY, **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_the_demo_may_relax_two_factor_sign_in_in_debug_only():
    assert import_settings(TUNTAS_DEBUG="true", TUNTAS_2FA_DEMO_RELAXED="true").returncode == 0


def test_behind_a_proxy_one_proxy_is_trusted_unless_told():
    code = "import tuntas.settings as s; print(s.TUNTAS_PROXY_COUNT)"
    import os
    import subprocess
    import sys

    from tests.setup.test_settings_env import ROOT

    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TUNTAS_", "DJANGO_"))}
    for extra, expected in (
        ({}, "0"),
        ({"TUNTAS_BEHIND_PROXY": "true"}, "1"),
        ({"TUNTAS_BEHIND_PROXY": "true", "TUNTAS_PROXY_COUNT": "2"}, "2"),
    ):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**clean, "TUNTAS_SECRET_KEY": KEY, **extra},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.stdout.strip() == expected, result.stderr
