"""Rewrite every stored report attachment as a new upload would be (docs/security.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tuntas.reports.resanitise import sanitise_stored_attachments


class Command(BaseCommand):
    help = (
        "Rewrite stored attachments without metadata, scripts or embedded files "
        "(files uploaded before uploads were sanitised)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = sanitise_stored_attachments(actor=None)
        self.stdout.write(
            f"checked {result.checked}, cleaned {result.cleaned}, "
            f"unreadable {result.unreadable}, missing {result.missing}"
        )
