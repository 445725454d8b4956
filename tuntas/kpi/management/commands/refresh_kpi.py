from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tuntas.kpi.facts import refresh_all, refresh_changed, refresh_stale


class Command(BaseCommand):
    help = "Bring the KPI facts up to date (changed reports; --all: every report)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="recompute every report")
        parser.add_argument(
            "--stale",
            action="store_true",
            help="compare every report with its fact (after reports were loaded in bulk)",
        )
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["all"]:
            refresh = refresh_all
        elif options["stale"]:
            refresh = refresh_stale
        else:
            refresh = refresh_changed
        result = refresh(batch_size=options["batch_size"])
        self.stdout.write(f"{result.reports} reports in {result.seconds:.1f} s")
