"""Run the clock sweep once, now or "as of" a given moment (catching up after downtime)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from tuntas.reports.sweep import sweep


def parse_moment(text: str) -> datetime:
    """An ISO 8601 moment; without an offset it is read in the server's time zone (WIB)."""
    moment = parse_datetime(text.strip())
    if moment is None:
        raise CommandError(
            f"--as-of {text!r} is not a date and time; use ISO 8601, e.g. 2026-12-01T08:00+07:00"
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class Command(BaseCommand):
    help = (
        "Act on every service-standard clock that is due: reminders, overdue notices, "
        "interventions, automatic close, Ombudsman, archive of incomplete reports. "
        "Safe to run while the scheduler runs; nothing is done twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            dest="as_of",
            help="act as if it were this moment (ISO 8601); default: now",
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        now = parse_moment(options["as_of"]) if options["as_of"] is not None else timezone.now()
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        if now > timezone.now() + timedelta(minutes=1):
            self.stderr.write(
                self.style.WARNING(
                    f"Acting as of {now.isoformat()}, which is in the future: deadlines up to "
                    "then are treated as passed."
                )
            )
        result = sweep(now, batch_size=options["batch_size"])
        self.stdout.write(f"Sweep as of {now.isoformat()}: {result.summary()}")
