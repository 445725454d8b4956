"""Set up Django for a benchmark script run from the repository root."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def setup() -> None:
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuntas.settings")
    os.environ.setdefault("TUNTAS_DEBUG", "true")
    if os.environ.get("TUNTAS_DATABASE") != "postgres":
        sys.exit("Benchmarks run on PostgreSQL: set TUNTAS_DATABASE=postgres and TUNTAS_DB_*.")
    import django

    django.setup()
