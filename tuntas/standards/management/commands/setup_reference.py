"""``manage.py setup_reference``: the national reference data (``tuntas.reference``) and
the service-standard presets that refer to it (``tuntas.standards``, which depends on the
reference data, so the command lives here)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tuntas.reference.defaults import install_reference_data
from tuntas.standards.presets import install_presets


class Command(BaseCommand):
    help = "Install national reference data and the service-standard presets (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset-presets",
            action="store_true",
            help="Overwrite presets with their shipped values (loses admin edits).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        install_reference_data()
        presets = install_presets(reset=options["reset_presets"])
        self.stdout.write(f"Reference data and {len(presets)} service-standard presets installed.")
