"""``manage.py create_api_key --organisation CODE --name NAME --scope S [--scope S ...]``

Prints only the secret on stdout (for scripts); everything else goes to stderr.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tuntas.apikeys.models import Scope
from tuntas.apikeys.services import issue_api_key
from tuntas.core.errors import ApplicationError, ValidationFailed
from tuntas.organisations.models import Organisation


class Command(BaseCommand):
    help = "Issue an API key for an organisation and print its secret (shown only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="Organisation code")
        parser.add_argument("--name", required=True, help="Name of the application")
        parser.add_argument(
            "--scope",
            action="append",
            required=True,
            choices=Scope.values,
            help="A scope the key holds (repeat for several)",
        )
        parser.add_argument("--rate-limit", type=int, default=None, help="Requests per minute")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with code {options['organisation']!r}")
        try:
            key, secret = issue_api_key(
                actor=None,
                organisation=organisation,
                name=options["name"],
                scopes=options["scope"],
                rate_limit_per_minute=options["rate_limit"],
            )
        except ValidationFailed as exc:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.errors.items())
            raise CommandError(f"{exc.message} {details}") from exc
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(f"Issued API key {key.prefix} ({key.name}) for {organisation.code}")
        self.stdout.write(secret)
