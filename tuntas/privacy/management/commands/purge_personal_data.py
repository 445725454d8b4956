"""Carry out due erasure requests and apply the retention periods once (docs/privacy.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from tuntas.privacy.retention import PERIODS, purge
from tuntas.reports.management.commands.sweep_clocks import parse_moment


class Command(BaseCommand):
    help = (
        "Carry out the erasure requests whose waiting period has passed, then erase the "
        "personal data older than its retention period (TUNTAS_RETENTION_*_DAYS). "
        "--dry-run counts what would go and changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count only, change nothing")
        parser.add_argument("--as-of", dest="as_of", help="act as of this moment (ISO 8601)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = parse_moment(options["as_of"]) if options["as_of"] else timezone.now()
        result = purge(now=now, dry_run=options["dry_run"])
        verb = "would erase" if result.dry_run else "erased"
        self.stdout.write(f"erasure requests {verb}: {result.erasures}")
        for kind in PERIODS:
            days = result.periods[kind]
            period = f"{days} days" if days else "kept for ever"
            self.stdout.write(f"{kind} ({period}) {verb}: {result.counts[kind]}")
