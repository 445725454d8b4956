"""Production refuses several web processes counting rate limits each on its own."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from tuntas.core.deployment import (
    check_shared_counters,
    gunicorn_workers,
    refuse_per_process_counters,
)

LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }
}
GUNICORN = "/srv/tuntas/.venv/bin/gunicorn"


@pytest.mark.parametrize(
    ("argv", "environ", "workers"),
    [
        ([GUNICORN, "tuntas.wsgi", "-w", "4"], {}, 4),
        ([GUNICORN, "tuntas.wsgi", "--workers=3"], {}, 3),
        ([GUNICORN, "tuntas.wsgi"], {"WEB_CONCURRENCY": "2"}, 2),
        ([GUNICORN, "tuntas.wsgi"], {"GUNICORN_CMD_ARGS": "--workers 5"}, 5),
        ([GUNICORN, "tuntas.wsgi"], {}, 1),
        (["manage.py", "runserver"], {}, None),
    ],
)
def test_it_reads_gunicorns_worker_count(monkeypatch, argv, environ, workers):
    for name in ("WEB_CONCURRENCY", "GUNICORN_CMD_ARGS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert gunicorn_workers(argv, environ) == workers


@override_settings(CACHES=LOCAL, DEBUG=False, TUNTAS_SINGLE_WEB_PROCESS=False)
def test_several_workers_on_local_counters_are_refused():
    with pytest.raises(ImproperlyConfigured, match="4 gunicorn workers"):
        refuse_per_process_counters([GUNICORN, "tuntas.wsgi", "-w", "4"], {})
    refuse_per_process_counters([GUNICORN, "tuntas.wsgi", "-w", "1"], {})  # one is fine
    assert [m.id for m in check_shared_counters()] == ["tuntas.E001"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"CACHES": REDIS},
        {"CACHES": LOCAL, "TUNTAS_SINGLE_WEB_PROCESS": True},
        {"CACHES": LOCAL, "DEBUG": True},
    ],
)
def test_a_shared_cache_or_one_declared_process_is_fine(overrides):
    with override_settings(**{"DEBUG": False, "TUNTAS_SINGLE_WEB_PROCESS": False, **overrides}):
        if overrides.get("CACHES") is REDIS or overrides.get("TUNTAS_SINGLE_WEB_PROCESS"):
            refuse_per_process_counters([GUNICORN, "tuntas.wsgi", "-w", "4"], {})
        assert check_shared_counters() == []
