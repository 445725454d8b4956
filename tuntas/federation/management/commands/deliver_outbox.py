"""``manage.py deliver_outbox``: one delivery round by hand (what the worker does every
30 s): queue the status updates owed to peers, then send every due outbox message."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tuntas.federation.sync import queue_status_updates
from tuntas.outbox.services import deliver_due


class Command(BaseCommand):
    help = "Queue federation status updates and deliver due outbox messages once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=500, help="At most this many messages")

    def handle(self, *args: Any, **options: Any) -> None:
        queued = queue_status_updates()
        sent = deliver_due(limit=options["limit"])
        self.stdout.write(f"federation events queued: {queued}; outbox messages sent: {sent}")
