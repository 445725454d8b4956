"""Production refuses several web processes on per-process rate-limit counters.

The sign-in guard, the registration and reset limits, the API throttles and the API-key
rate limits count in the default cache. With the in-process memory cache each web process
counts on its own, so four gunicorn workers allow four times every limit (and a client
whose requests land on different workers is never locked). Hence, outside debug:

* ``refuse_per_process_counters`` (called by ``tuntas/wsgi.py``) stops a gunicorn started
  with more than one worker (``-w``/``--workers``, ``GUNICORN_CMD_ARGS``,
  ``WEB_CONCURRENCY``) unless the cache is shared (``TUNTAS_CACHE_URL``: Redis, or a file
  cache on one machine);
* the ``tuntas.E001`` deploy check (``manage.py check --deploy``) fails unless the cache
  is shared or ``TUNTAS_SINGLE_WEB_PROCESS=true`` says only one web process runs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

PER_PROCESS_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
MESSAGE = (
    "Rate limits and the sign-in lockout are counted in the cache, and the cache is this "
    "process's own memory: several web processes would each count on their own. Set "
    "TUNTAS_CACHE_URL=redis://... (or file:///path on one machine), or run one web process "
    "and set TUNTAS_SINGLE_WEB_PROCESS=true."
)


def shared_cache() -> bool:
    backend = str(settings.CACHES.get("default", {}).get("BACKEND", ""))
    return backend not in PER_PROCESS_BACKENDS


def gunicorn_workers(argv: Sequence[str], environ: Mapping[str, str]) -> int | None:
    """How many workers the gunicorn command line (and its environment) asks for; None
    when this is not gunicorn or it cannot be told (e.g. only a config file says)."""
    if not argv or "gunicorn" not in Path(argv[0]).name:
        return None
    from gunicorn.config import Config

    cfg = Config()
    parser = cfg.parser()
    try:
        args = parser.parse_args(list(argv[1:]))
        env_args = parser.parse_args(cfg.get_cmd_args_from_env())
    except SystemExit:
        return None
    for value in (args.workers, env_args.workers):
        if value is not None:
            return int(value)
    if (args.config or env_args.config) and "WEB_CONCURRENCY" not in environ:
        return None
    try:
        return int(environ.get("WEB_CONCURRENCY", "1"))
    except ValueError:
        return None


def refuse_per_process_counters(
    argv: Sequence[str] | None = None, environ: Mapping[str, str] | None = None
) -> None:
    if settings.DEBUG or settings.TUNTAS_SINGLE_WEB_PROCESS or shared_cache():
        return
    workers = gunicorn_workers(sys.argv if argv is None else argv, environ or os.environ)
    if workers is not None and workers > 1:
        raise ImproperlyConfigured(f"{workers} gunicorn workers: {MESSAGE}")


@register("tuntas", deploy=True)
def check_shared_counters(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if settings.DEBUG or settings.TUNTAS_SINGLE_WEB_PROCESS or shared_cache():
        return []
    return [Error(MESSAGE, id="tuntas.E001")]
