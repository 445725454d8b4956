"""Demo data for the oversight pages (after ``load_demo``). Idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tuntas.demo.builder import build_demo
from tuntas.demo.oversight import load_oversight_demo


class Command(BaseCommand):
    help = (
        "Create Kapuas reports in the last quarter that has ended (for the quarterly "
        "report) and a monitoring record. Running it again creates nothing new."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        created = load_oversight_demo(build_demo())
        self.stdout.write(
            self.style.SUCCESS(f"Oversight demo: {created} past-quarter reports created.")
        )
