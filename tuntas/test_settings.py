"""Settings for the test suite: the production settings with test-only overrides.

The database is SQLite unless ``TUNTAS_DATABASE=postgres`` (CI runs both).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("TUNTAS_DATABASE", "sqlite")
os.environ.setdefault("TUNTAS_SECRET_KEY", "test-secret-key-" + "x" * 40)
os.environ.setdefault("TUNTAS_DEBUG", "false")
os.environ.setdefault("TUNTAS_SSL_REDIRECT", "false")
os.environ.setdefault("TUNTAS_SECURE_COOKIES", "false")
os.environ.setdefault("TUNTAS_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("TUNTAS_BROKER_URL", "memory://")

from tuntas.settings import *  # noqa: F403
from tuntas.settings import REST_FRAMEWORK, STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="tuntas-test-media-"))
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        "anon_submit": "10000/hour",
        "tracking": "10000/hour",
        "sign_in": "10000/hour",
        "sign_in_address": "10000/hour",
    },
}
