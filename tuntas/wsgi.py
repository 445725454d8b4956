from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuntas.settings")
application = get_wsgi_application()

from tuntas.core.deployment import refuse_per_process_counters  # noqa: E402  # needs settings

refuse_per_process_counters()
