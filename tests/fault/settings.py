"""Settings of the fault-test harness process (the workers use ``tuntas.settings``).

The production settings, with a fast password hasher: building the work types in
thousands of reports, each with a hashed access code.
"""

from __future__ import annotations

from tuntas.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
